import SegmentLanguage

/// What segment evaluation asks of a store: it runs the rule compiler's queries and holds their people.
///
/// A store picks the SQL dialect the compiler writes for it and keeps every person set it makes in storage of
/// its own (SQLite: TEMP tables of its connection), which goes when the set goes. Nothing of that storage is
/// named outside the store.
///
/// ```swift
/// let compiler = SQLCompiler(dialect: store.ruleDialect)
/// let suppression = store.makeSuppressionSets()
/// let members = try store.snapshot {
///     _ = try suppression.add("refunded", query: try compiler.compile(refunded, now: now))
///     return try store.members(of: try compiler.compile(rule, now: now, columns: store.memberColumns),
///                              suppressedBy: ["refunded"], in: suppression)
/// }
/// print(members.counts.members)
/// ```
public protocol SegmentStore: AnyObject {
    /// The dialect the rule compiler writes this store's queries in.
    var ruleDialect: any SQLDialect { get }
    /// The columns a query handed to ``members(of:suppressedBy:in:)`` selects after the person's id.
    var memberColumns: [SQLFragment] { get }
    /// Runs `body` on one consistent view of the store (every read in it sees the same data), nested in the
    /// caller's own when there is one. When it fails, what it wrote is taken back: person sets made in it cannot be
    /// read any more, and suppression sets evaluate again. (A caller's own transaction that rolls back does the same
    /// to sets that are still alive; reading them then throws.)
    func snapshot<T>(_ body: () throws -> T) throws -> T
    /// A new, empty collection of suppression segments' people.
    func makeSuppressionSets() -> any SuppressionSets
    /// The people `query` selects (compiled with ``memberColumns``), those in the `suppressedBy` segments of
    /// `suppression` marked as suppressed, with their counts.
    func members(of query: CompiledQuery, suppressedBy: [String], in suppression: any SuppressionSets) throws
        -> any MemberSet
    /// How the store will run `query`, one line per step, indented by depth.
    func queryPlan(of query: CompiledQuery) throws -> [String]
    /// The newest stored event's timestamp (ms), nil when there is none.
    func newestEventTimestamp() throws -> Int64?
}

/// The people of the suppression segments evaluated so far, each segment once.
public protocol SuppressionSets: AnyObject {
    /// How many people each segment added so far holds.
    var counts: [String: Int] { get }
    /// Adds the people `query` selects (compiled without extra columns) as segment `name`'s, once: a name
    /// added before changes nothing. Returns how many people the segment holds.
    @discardableResult
    func add(_ name: String, query: CompiledQuery) throws -> Int
    /// Calls `body` for each living person in any of the segments, in person id order, with the names of the
    /// segments that hold them, sorted.
    func forEachPerson(_ body: (SuppressedPerson) throws -> Void) throws
}

/// A rule's people at an instant, held by the store until the value goes.
public protocol MemberSet: AnyObject {
    /// How many people the rule selects, how many suppression took out and by which segment.
    var counts: AudienceCounts { get }
    /// The suppression segments that were applied (empty with suppression off).
    var appliedSuppression: [String] { get }
    /// Everyone the rule selects, before suppression, each by `userId` or else the first `anonymousId`:
    /// sorted by UTF-8 byte order, each once.
    func identifiers() throws -> [String]
    /// Calls `body` for each person in person id order: the members after suppression, and with
    /// `includingSuppressed` the suppressed people too (``AudienceMember/isSuppressed`` tells).
    func forEachMember(includingSuppressed: Bool, _ body: (AudienceMember) throws -> Void) throws
    /// The suppression segments that hold each suppressed person, by person id.
    func suppressionAttribution() throws -> [Int64: [String]]
}

extension MemberSet {
    /// The members after suppression, in person id order.
    public func forEachMember(_ body: (AudienceMember) throws -> Void) throws {
        try forEachMember(includingSuppressed: false, body)
    }
}

/// One person of a member set, with the identifiers segsync holds for them.
public struct AudienceMember: Sendable, Equatable {
    /// The store's person id.
    public var personId: Int64
    /// The Customer.io `userId`; nil for a person never identified.
    public var userId: String?
    /// The first `anonymousId` seen for the person.
    public var anonymousId: String?
    /// The current email trait, trimmed, as sent (not lowercased); nil when there is none.
    public var email: String?
    /// The SHA-256 lowercase hex of the trimmed, lowercased email, as Pinterest matches it.
    public var emailHash: String?
    /// Whether a suppression segment takes the person out of the audience.
    public var isSuppressed: Bool

    public init(
        personId: Int64, userId: String?, anonymousId: String?, email: String?, emailHash: String?,
        isSuppressed: Bool
    ) {
        self.personId = personId
        self.userId = userId
        self.anonymousId = anonymousId
        self.email = email
        self.emailHash = emailHash
        self.isSuppressed = isSuppressed
    }

    /// How previews list the person: the `userId`, else the first `anonymousId`.
    public var identifier: String { userId ?? anonymousId ?? "person:\(personId)" }
}

/// A person of the suppression segments, as the suppression export writes them.
public struct SuppressedPerson: Sendable, Equatable {
    public var personId: Int64
    public var userId: String?
    public var anonymousId: String?
    /// The email trait as stored; nil when there is none.
    public var email: String?
    public var emailHash: String?
    /// The phone trait as stored; nil when there is none.
    public var phone: String?
    /// The suppression segments that hold the person, sorted.
    public var segments: [String]
}
