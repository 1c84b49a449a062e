import Foundation

/// A workflow rule the store refused to break. Missing rows are `StrataError.notFound`.
public enum WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Trust is promoted one step at a time: observe → suggest → auto.
    case invalidPromotion(from: TrustTier, to: TrustTier)
    /// A suspended pattern is not promoted; unsuspend it first.
    case suspended(patternID: UUID)

    /// The rule that was broken, in words.
    public var description: String {
        switch self {
        case .invalidPromotion(let from, let to):
            "cannot promote a pattern from '\(from.rawValue)' to '\(to.rawValue)': trust goes observe → suggest → auto, one step at a time"
        case .suspended(let id):
            "pattern \(id) is suspended: unsuspend it before promoting it"
        }
    }
}

extension TrustTier {
    /// The tier a pattern must be at to be promoted to this one; nil for `observe`.
    public var previous: TrustTier? {
        switch self {
        case .observe: nil
        case .suggest: .observe
        case .auto: .suggest
        }
    }
}
