import StrataSchema

/// Maps schema names (`pattern_occurrences`, `trigger_capture_id`) to Swift names
/// (`PatternOccurrence`, `triggerCaptureID`). User overrides (`swift_name:`) are applied by the
/// caller before these defaults.
enum SwiftNaming {
    /// Words written in capitals in Swift (`patternID`, `APIKey`), per the API design guidelines.
    static let acronyms: Set<String> = ["id", "ids", "url", "urls", "uri", "uuid", "json", "api", "sql", "http", "https", "html", "xml", "ip", "ocr"]

    /// The struct name for a table: the last word singular, PascalCase.
    static func typeName(forTable table: String) -> String {
        var parts = words(table)
        if let last = parts.popLast() { parts.append(singular(last)) }
        return pascalCase(parts)
    }

    /// The type name for an enum: PascalCase.
    static func typeName(forEnum name: String) -> String {
        pascalCase(words(name))
    }

    /// A property or enum case name: camelCase, acronyms capitalized after the first word.
    static func memberName(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" }
        let head = first.lowercased()
        let tail = parts.dropFirst().map(capitalizedWord).joined()
        return prefixDigit(head + tail)
    }

    /// The case name of an enum value: a schema name as any member (`high_value` →
    /// `highValue`); any other text by its runs of ASCII letters and digits, a word in capitals
    /// lowered (`SCHEDULED` → `scheduled`, `in-progress` → `inProgress`, `2fa` → `_2fa`); `nil`
    /// when it has none (`+`), which needs a `swift_name`.
    static func caseName(forValue value: String) -> String? {
        if Schema.isValidIdentifier(value) { return memberName(value) }
        var parts: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        guard !parts.isEmpty else { return nil }
        let words = parts.map { $0 == $0.uppercased() ? $0.lowercased() : $0 }
        let head = words[0].prefix(1).lowercased() + words[0].dropFirst()
        let tail = words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return prefixDigit(head + tail)
    }

    static func words(_ name: String) -> [String] {
        name.split(separator: "_").map(String.init)
    }

    static func pascalCase(_ parts: [String]) -> String {
        prefixDigit(parts.map(capitalizedWord).joined())
    }

    static func capitalizedWord(_ word: String) -> String {
        if acronyms.contains(word) {
            // `ids` → `IDs`, `urls` → `URLs`
            if word.hasSuffix("s"), acronyms.contains(String(word.dropLast())) {
                return word.dropLast().uppercased() + "s"
            }
            return word.uppercased()
        }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// Swift identifiers cannot start with a digit.
    static func prefixDigit(_ name: String) -> String {
        guard let first = name.first else { return "_" }
        return first.isNumber ? "_" + name : name
    }

    /// English singular of a lowercase word, by the common rules (`occurrences` → `occurrence`,
    /// `categories` → `category`, `statuses` → `status`, `boxes` → `box`).
    static func singular(_ word: String) -> String {
        let irregular = ["people": "person", "children": "child", "men": "man", "women": "woman", "data": "data", "series": "series", "news": "news"]
        if let known = irregular[word] { return known }
        if word.hasSuffix("ies"), word.count > 4 { return word.dropLast(3) + "y" }
        for suffix in ["sses", "shes", "ches", "xes", "zzes", "uses"] where word.hasSuffix(suffix) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s"), word.count > 1 { return String(word.dropLast()) }
        return word
    }

    /// Keywords that must be written in backticks when used as names.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "as", "false", "is", "nil", "self", "Self", "super", "throws",
        "true", "try", "Any", "Type", "Protocol", "some", "any",
    ]

    /// `name`, in backticks when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// Whether `name` can be a Swift identifier (ASCII letters, digits, underscores).
    static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
        }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// Type names an app that imports the generated models commonly uses beside them, from the
    /// Swift standard library, Foundation and SwiftUI: a model with one of these names shadows it
    /// in every file that imports both (a table `lists` would make SwiftUI's `List` unusable).
    static let wellKnownTypeNames: Set<String> = [
        // Swift standard library and concurrency
        "Character", "Float", "Result", "Range", "ClosedRange", "Sequence", "Collection", "Never", "Void", "Task",
        "TaskGroup", "Actor", "Substring", "Unicode", "Mirror", "Duration", "Clock", "Hasher", "Equatable", "Comparable",
        "Numeric", "Regex", "Slice", "Repeated", "Zip2Sequence", "AsyncSequence", "AsyncStream", "Continuation", "Job",
        "Executor", "Instant", "Attachment",
        // Foundation
        "URL", "Locale", "Calendar", "TimeZone", "Notification", "NotificationCenter", "Timer", "Bundle", "Process",
        "Thread", "Operation", "OperationQueue", "FileManager", "FileHandle", "JSONEncoder", "JSONDecoder", "Measurement",
        "Unit", "Decimal", "IndexPath", "IndexSet", "CharacterSet", "Formatter", "NumberFormatter", "DateFormatter",
        "URLRequest", "URLResponse", "URLSession", "Progress", "Scanner", "Host", "Port", "Stream", "Expression",
        "Predicate", "AttributedString", "DateComponents", "DateInterval", "PersonNameComponents", "Morphology", "Pipe",
        "RunLoop", "UserDefaults", "HTTPCookie", "Cache", "Condition",
        // SwiftUI
        "View", "Text", "Image", "Color", "List", "Form", "Section", "Button", "Label", "Link", "Menu", "Picker",
        "Toggle", "Slider", "Stepper", "Group", "Table", "Grid", "GridRow", "Shape", "Path", "Font", "Scene", "App",
        "Window", "Canvas", "Layout", "Alignment", "Animation", "Binding", "State", "Environment", "Spacer", "Divider",
        "Gauge", "Tab", "TabView", "Gesture", "Transaction", "Edge", "Angle", "Gradient", "Material", "ProgressView",
        "ScrollView", "Rectangle", "Circle", "Capsule", "Ellipse", "Namespace", "Toolbar", "Map", "Chart", "Settings",
        "Commands", "Content", "Tag", "Badge", "Border", "Visibility", "Edit", "Selection", "Focus",
    ]

    /// Type names the generated code uses; a model or enum with one of these names would hide it.
    static let reservedTypeNames: Set<String> = [
        "Date", "UUID", "Data", "String", "Int", "Int64", "Double", "Bool", "Array", "Dictionary", "Optional",
        "Set", "Error", "Codable", "Hashable", "Sendable", "Identifiable", "CodingKey", "CaseIterable",
        "Encoder", "Decoder", "JSONValue", "TableModel", "TableMetadata", "ColumnMetadata", "ColumnDescriptor",
        "Foundation", "StrataRuntime", "StrataSchema", "Any", "Type", "Protocol", "Self", "ID", "CodingKeys",
        "Columns", "GeneratedSchema",
    ]
}
