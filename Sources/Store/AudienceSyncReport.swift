/// What a plan or a sync reports for one audience (cli.md's `audiences[]`), and what a sync run records of each
/// audience for `segsync history`.
///
/// ```json
/// {"name": "cart_abandoners_6_24h", "pinterest_name": "Cart abandoners 6-24h", "members": 812, "suppressed": 37,
///  "suppressed_by": {"purchased_14d": 30, "refunded": 9}, "matchable": 768, "add": 120, "remove": 44,
///  "unchanged": 648, "calls": 2, "status": "ok", "warnings": []}
/// ```
///
/// `members` are the people left after suppression; `matchable` the distinct email hashes among them, which is
/// what the customer list holds once synced (`add + unchanged`). `calls` are the Pinterest operations made (for a
/// plan: that it would make), a listing counting once; retries of one operation are not counted again.
public struct AudienceSyncReport: Sendable, Equatable, Codable {
    /// How an audience's sync ended.
    public enum Status: String, Sendable, Equatable, Codable {
        case ok, failed, skipped
    }

    public var name: String
    public var pinterestName: String
    /// The people the rule selects, before suppression.
    public var count: Int
    public var members: Int
    public var suppressed: Int
    public var suppressedBy: [String: Int]
    public var matchable: Int
    public var add: Int
    public var remove: Int
    public var unchanged: Int
    public var calls: Int
    public var status: Status
    /// Why it failed.
    public var error: String?
    /// Why it was skipped.
    public var reason: String?
    public var warnings: [String]
    /// The records added and removed by this run (acknowledged batches only).
    public var added: Int
    public var removed: Int
    public var customerListID: String?
    public var audienceID: String?
    /// True for an audience retired with `--retire` (absent otherwise): its people are removed from the list,
    /// and once they all are the store forgets it.
    public var retiring: Bool?

    /// Creates a report; `calls`, `added` and `removed` start at nought for one that sent nothing yet.
    public init(
        name: String, pinterestName: String, count: Int, members: Int, suppressed: Int, suppressedBy: [String: Int],
        matchable: Int, add: Int, remove: Int, unchanged: Int, calls: Int = 0, status: Status = .ok,
        error: String? = nil, reason: String? = nil, warnings: [String] = [], added: Int = 0, removed: Int = 0,
        customerListID: String? = nil, audienceID: String? = nil, retiring: Bool? = nil
    ) {
        self.name = name
        self.pinterestName = pinterestName
        self.count = count
        self.members = members
        self.suppressed = suppressed
        self.suppressedBy = suppressedBy
        self.matchable = matchable
        self.add = add
        self.remove = remove
        self.unchanged = unchanged
        self.calls = calls
        self.status = status
        self.error = error
        self.reason = reason
        self.warnings = warnings
        self.added = added
        self.removed = removed
        self.customerListID = customerListID
        self.audienceID = audienceID
        self.retiring = retiring
    }

    enum CodingKeys: String, CodingKey {
        case name, count, members, suppressed, matchable, add, remove, unchanged, calls, status, error, reason
        case warnings, added, removed, retiring
        case pinterestName = "pinterest_name"
        case suppressedBy = "suppressed_by"
        case customerListID = "customer_list_id"
        case audienceID = "audience_id"
    }
}
