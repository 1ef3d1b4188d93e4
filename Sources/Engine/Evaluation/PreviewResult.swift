import Store

/// What `segsync preview` reports: how many people a rule or segment selects at an instant, how many the
/// suppression segments take out, how many are left with an email Pinterest can match (a hash), and (on
/// request) who they are.
///
/// Encodes as the JSON contract of cli.md, with `segment` and `warnings` added:
///
/// ```json
/// {"rule": "...", "as_of": "2026-11-29T12:00:00Z", "count": 812, "suppressed": 37, "matchable": 790,
///  "suppressed_by": {"purchased_14d": 30, "refunded": 9}, "elapsed_ms": 41, "members": ["user-17"]}
/// ```
public struct PreviewResult: Sendable, Equatable, Encodable {
    /// The rule text evaluated (a segment's own rule for a named segment).
    public var rule: String
    /// The segment's name; nil for a bare rule.
    public var segment: String?
    /// The evaluation instant, in milliseconds since the epoch.
    public var asOf: Int64
    public var counts: AudienceCounts
    /// The people the rule selects before suppression, by `userId` else first `anonymousId`, sorted by
    /// UTF-8 byte order; nil unless asked for.
    public var members: [String]?
    /// The time the evaluation took, from compiling the rule to the result, in milliseconds.
    public var elapsedMilliseconds: Int
    /// The rule's warnings (unknown events or attributes and the like), one line each.
    public var warnings: [String]
    /// The same warnings with the rule's line and a caret, for people (not encoded).
    public var renderedWarnings: [String]

    public init(
        rule: String, segment: String?, asOf: Int64, counts: AudienceCounts, members: [String]?,
        elapsedMilliseconds: Int, warnings: [String] = [], renderedWarnings: [String] = []
    ) {
        self.rule = rule
        self.segment = segment
        self.asOf = asOf
        self.counts = counts
        self.members = members
        self.elapsedMilliseconds = elapsedMilliseconds
        self.warnings = warnings
        self.renderedWarnings = renderedWarnings
    }

    enum CodingKeys: String, CodingKey {
        case rule, segment, count, suppressed, matchable, members, warnings
        case asOf = "as_of"
        case suppressedBy = "suppressed_by"
        case elapsedMilliseconds = "elapsed_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encodeIfPresent(segment, forKey: .segment)
        try container.encode(Timestamp.format(asOf), forKey: .asOf)
        try container.encode(counts.count, forKey: .count)
        try container.encode(counts.suppressed, forKey: .suppressed)
        try container.encode(counts.matchable, forKey: .matchable)
        try container.encode(counts.suppressedBy, forKey: .suppressedBy)
        try container.encode(elapsedMilliseconds, forKey: .elapsedMilliseconds)
        try container.encodeIfPresent(members, forKey: .members)
        try container.encode(warnings, forKey: .warnings)
    }

    /// A human-readable account, as `segsync preview` prints it without `--json`.
    public var text: String {
        var lines = [segment.map { "\($0): \(rule)" } ?? rule, "as of \(Timestamp.format(asOf))"]
        lines.append("  \(counts.count) \(counts.count == 1 ? "person matches" : "people match") the rule")
        if counts.suppressedBy.isEmpty {
            lines.append("  no suppression applied")
        } else {
            let parts = counts.suppressedBy.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            lines.append("- \(counts.suppressed) suppressed (\(parts.joined(separator: ", ")))")
        }
        lines.append("= \(counts.members) in the audience, \(counts.matchable) matchable (with an email)")
        lines.append("evaluated in \(elapsedMilliseconds) ms")
        if let members {
            lines.append("members (\(members.count), before suppression):")
            lines += members.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
