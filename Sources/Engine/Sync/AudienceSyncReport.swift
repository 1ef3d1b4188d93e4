import Store

/// What a plan or a sync reports for one audience (cli.md's `audiences[]`).
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
public struct AudienceSyncReport: Sendable, Equatable, Encodable {
    /// How an audience's sync ended.
    public enum Status: String, Sendable, Equatable, Encodable {
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

    /// The report of a plan, before anything is sent.
    public init(plan: AudiencePlan) {
        name = plan.name
        pinterestName = plan.pinterestName
        count = plan.counts.count
        members = plan.members
        suppressed = plan.counts.suppressed
        suppressedBy = plan.counts.suppressedBy
        matchable = plan.diff.target
        add = plan.diff.add
        remove = plan.diff.remove
        unchanged = plan.diff.unchanged
        calls = 0
        status = .ok
        warnings = plan.warnings
        added = 0
        removed = 0
        customerListID = plan.record?.customerListId
        audienceID = plan.record?.audienceId
        retiring = plan.retiring ? true : nil
    }

    enum CodingKeys: String, CodingKey {
        case name, count, members, suppressed, matchable, add, remove, unchanged, calls, status, error, reason
        case warnings, added, removed, retiring
        case pinterestName = "pinterest_name"
        case suppressedBy = "suppressed_by"
        case customerListID = "customer_list_id"
        case audienceID = "audience_id"
    }

    /// One line for people: `cart_abandoners_6_24h (Cart abandoners 6-24h): 812 members, +120 -44 =648, 2 calls, ok`.
    public var line: String {
        var text = "\(name) (\(pinterestName)): \(members) members (\(suppressed) suppressed), \(matchable) matchable, "
            + "+\(add) -\(remove) =\(unchanged), \(calls) \(calls == 1 ? "call" : "calls"), \(status.rawValue)"
        if retiring == true { text += ", retiring" }
        if let error { text += ": \(error)" }
        if let reason { text += ": \(reason)" }
        return text
    }
}
