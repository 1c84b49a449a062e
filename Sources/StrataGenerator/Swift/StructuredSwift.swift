/// A plain description of the Swift code Strata generates. Translators build these values; only
/// `SwiftRenderer` turns them into text.
struct SwiftFile: Hashable, Sendable {
    var imports: [String]
    var declarations: [SwiftDeclaration]
}

indirect enum SwiftDeclaration: Hashable, Sendable {
    case structure(SwiftStruct)
    case enumeration(SwiftEnum)
    case extensionBlock(SwiftExtension)
    case property(SwiftProperty)
    case initializer(SwiftInitializer)
    /// `case name` or `case name = "raw"`.
    case enumCase(name: String, rawValue: String?)
    case function(SwiftFunction)
    /// `public typealias name = type`
    case typeAlias(docs: [String], name: String, type: String)
}

/// A method or initializer with a body of simple statements.
struct SwiftFunction: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case method(name: String, isStatic: Bool, isMutating: Bool)
        case initializer
    }

    struct Parameter: Hashable, Sendable {
        /// The argument label; `nil` when it equals the name, `"_"` for none.
        var label: String?
        var name: String
        var type: String
    }

    var docs: [String]
    var kind: Kind
    /// `Reader: RowReader`
    var genericParameters: [String]
    var parameters: [Parameter]
    var throwing: Bool
    var returnType: String?
    var body: [SwiftStatement]
}

indirect enum SwiftStatement: Hashable, Sendable {
    /// `target = value`
    case assignment(target: SwiftExpression, value: SwiftExpression)
    case expression(SwiftExpression)
    /// `switch subject { case pattern: return value … default: return fallback }`
    case switchReturning(subject: SwiftExpression, cases: [SwitchCase], fallback: SwiftExpression)

    struct SwitchCase: Hashable, Sendable {
        var pattern: SwiftExpression
        var value: SwiftExpression
    }
}

struct SwiftStruct: Hashable, Sendable {
    var docs: [String]
    var name: String
    var conformances: [String]
    var members: [SwiftDeclaration]
}

struct SwiftEnum: Hashable, Sendable {
    var docs: [String]
    var name: String
    /// Raw type first, then protocols.
    var conformances: [String]
    var members: [SwiftDeclaration]
}

struct SwiftExtension: Hashable, Sendable {
    var docs: [String]
    var typeName: String
    var conformances: [String]
    var members: [SwiftDeclaration]
}

struct SwiftProperty: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `public var name: Type`
        case stored
        /// `public static let name: Type = value`
        case staticConstant(SwiftExpression)
        /// `public var name: Type { value }`
        case computed(SwiftExpression)
    }

    var docs: [String]
    var name: String
    var type: String
    var kind: Kind
}

struct SwiftInitializer: Hashable, Sendable {
    struct Parameter: Hashable, Sendable {
        var name: String
        var type: String
        var defaultValue: SwiftExpression?
    }

    var docs: [String]
    var parameters: [Parameter]
}

/// The few expressions generated code needs.
indirect enum SwiftExpression: Hashable, Sendable {
    case identifier(String)
    case stringLiteral(String)
    /// `#"…"#`, with enough `#` that the text never ends it early.
    case rawStringLiteral(String)
    case integerLiteral(Int64)
    case floatLiteral(Double)
    case booleanLiteral(Bool)
    case nilLiteral
    /// `.name` (implicit member) or `base.name`.
    case member(base: SwiftExpression?, name: String)
    /// `base?.name`
    case optionalMember(base: SwiftExpression, name: String)
    /// `callee(label: argument, …)`; `multiline` puts each argument on its own line.
    case call(callee: SwiftExpression, arguments: [Argument], multiline: Bool)
    /// `[a, b]`; `multiline` puts each element on its own line.
    case array([SwiftExpression], multiline: Bool)
    /// `[key: value, …]`, or `[:]` when empty.
    case dictionary([DictionaryEntry])
    /// `try expression`
    case tryExpression(SwiftExpression)
    /// `&name`
    case inoutReference(String)
    /// `\Root.property`
    case keyPath(root: String, property: String)

    struct Argument: Hashable, Sendable {
        var label: String?
        var value: SwiftExpression
    }

    struct DictionaryEntry: Hashable, Sendable {
        var key: SwiftExpression
        var value: SwiftExpression
    }
}
