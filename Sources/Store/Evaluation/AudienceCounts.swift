/// How many people a segment holds at an instant, before and after suppression.
public struct AudienceCounts: Sendable, Equatable, Codable {
    /// The people the rule selects, before suppression.
    public var count: Int
    /// How many of them the suppression segments take out, each person once.
    public var suppressed: Int
    /// Per suppression segment that applies, how many of the rule's people it holds (a person in two
    /// suppression segments counts under each).
    public var suppressedBy: [String: Int]
    /// Those left after suppression who have an email.
    public var matchable: Int

    public init(count: Int = 0, suppressed: Int = 0, suppressedBy: [String: Int] = [:], matchable: Int = 0) {
        self.count = count
        self.suppressed = suppressed
        self.suppressedBy = suppressedBy
        self.matchable = matchable
    }

    /// The people left after suppression.
    public var members: Int { count - suppressed }

    enum CodingKeys: String, CodingKey {
        case count, suppressed, matchable
        case suppressedBy = "suppressed_by"
    }
}
