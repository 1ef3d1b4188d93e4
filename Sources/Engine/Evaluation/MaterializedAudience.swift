/// A segment's people at an instant, materialised into a TEMP table of the store's connection.
///
/// The table has one row per person the rule selects (before suppression):
///
/// ```sql
/// CREATE TEMP TABLE <table> (person_id INTEGER PRIMARY KEY, has_email INTEGER NOT NULL, suppressed INTEGER NOT NULL)
/// -- has_email: 1 when the person has an email Pinterest can match (people.email_hash is set)
/// -- suppressed: 1 when a suppression segment holds them
/// ```
///
/// The members after suppression are `SELECT person_id FROM <table> WHERE suppressed = 0`; join
/// `people p ON p.id = person_id` for `p.email`, `p.user_id` and `p.anonymous_id`. Which suppression
/// segments hold a person is in ``SegmentEvaluator/suppressionTable`` (when suppression was applied).
/// The table lives until ``SegmentEvaluator/dropTables()`` or the connection closes.
public struct MaterializedAudience: Sendable, Equatable {
    /// The segment's name; nil for a bare rule.
    public var segment: String?
    /// The TEMP table's name (without the `temp.` schema).
    public var table: String
    /// The counts at the instant of the evaluation.
    public var counts: AudienceCounts
    /// The suppression segments that were applied (empty with suppression off).
    public var appliedSuppression: [String]
}
