import SegmentLanguage

/// One segment file, `segments/NAME.yml`: a rule and what the segment is for.
///
/// ```yaml
/// description: Social-proof tier for carts abandoned 6-24h ago
/// rule: Add to Cart between 6h and 24h ago AND NOT Purchased in last 24h
/// pinterest:
///   audience: "Cart abandoners 6-24h"
/// ```
///
/// A segment with `pinterest.audience` is an audience segsync keeps on Pinterest. A segment with
/// `suppression: true` is taken out of every audience, except those that list it under
/// `ignore_suppression` (or say `ignore_suppression: true` to keep all of them). A segment with neither
/// is a building block for `in segment NAME`.
public struct Segment: Sendable, Equatable {
    /// The file name without `.yml`; how rules and commands refer to the segment.
    public var name: String
    /// The file, as found in the segments directory (`segments/vip.yml`).
    public var file: String
    /// What the segment is for, in words.
    public var description: String?
    /// The rule, parsed.
    public var rule: Rule
    /// The line of `rule:` in the file, to point at it in messages.
    public var ruleLine: Int?
    /// Whether the segment is a suppression segment (`suppression: true`).
    public var isSuppression: Bool
    /// The name of the Pinterest customer list and audience, for a segment synced to Pinterest.
    public var audience: String?
    /// Which suppression segments do not apply to this segment.
    public var ignoredSuppression: IgnoredSuppression

    public init(
        name: String, file: String, description: String? = nil, rule: Rule, ruleLine: Int? = nil,
        isSuppression: Bool = false, audience: String? = nil, ignoredSuppression: IgnoredSuppression = .none
    ) {
        self.name = name
        self.file = file
        self.description = description
        self.rule = rule
        self.ruleLine = ruleLine
        self.isSuppression = isSuppression
        self.audience = audience
        self.ignoredSuppression = ignoredSuppression
    }

    /// Whether the segment is synced to Pinterest.
    public var isAudience: Bool { audience != nil }
}

/// The suppression segments an audience opts out of, from its `ignore_suppression` key.
public enum IgnoredSuppression: Sendable, Equatable {
    /// Every suppression segment applies (no `ignore_suppression`, or `ignore_suppression: false`).
    case none
    /// The named suppression segments do not apply (`ignore_suppression: [purchased_14d]`).
    case only([String])
    /// No suppression segment applies (`ignore_suppression: true`).
    case all

    /// Whether the suppression segment `name` is ignored.
    public func ignores(_ name: String) -> Bool {
        switch self {
        case .none: false
        case .only(let names): names.contains(name)
        case .all: true
        }
    }
}
