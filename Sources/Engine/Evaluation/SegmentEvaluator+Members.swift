import Store

/// One person of a materialised audience, with the identifiers segsync holds for them.
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

    /// How previews list the person: the `userId`, else the first `anonymousId`.
    public var identifier: String { userId ?? anonymousId ?? "person:\(personId)" }
}

extension SegmentEvaluator {
    /// The SQL expression naming a person `p` in member lists.
    static let identifierSQL = "coalesce(p.user_id, p.anonymous_id, 'person:' || p.id)"

    /// The people the audience's rule selects, before suppression, each by `userId` or else the first
    /// `anonymousId`: sorted by UTF-8 byte order, each once.
    public func memberIdentifiers(of audience: MaterializedAudience) throws -> [String] {
        try store.database.query(
            """
            SELECT DISTINCT \(Self.identifierSQL) AS member FROM temp.\(audience.table) t \
            JOIN people p ON p.id = t.person_id ORDER BY member COLLATE BINARY
            """
        ) { $0.string(0) ?? "" }
    }

    /// Calls `body` for each person of the audience in person id order: the members after suppression,
    /// and with `includingSuppressed` the suppressed people too (``AudienceMember/isSuppressed`` tells).
    public func forEachMember(
        of audience: MaterializedAudience, includingSuppressed: Bool = false, _ body: (AudienceMember) throws -> Void
    ) throws {
        let filter = includingSuppressed ? "" : "WHERE t.suppressed = 0"
        try store.database.forEach(
            """
            SELECT p.id, p.user_id, p.anonymous_id, nullif(p.email, ''), p.email_hash, t.suppressed \
            FROM temp.\(audience.table) t JOIN people p ON p.id = t.person_id \(filter) ORDER BY t.person_id
            """
        ) { row in
            try body(
                AudienceMember(
                    personId: row.int64(0) ?? 0, userId: row.string(1), anonymousId: row.string(2),
                    email: row.string(3), emailHash: row.string(4), isSuppressed: row.int64(5) == 1))
        }
    }

    /// The suppression segments that hold each suppressed person of the audience, by person id.
    public func suppressionAttribution(of audience: MaterializedAudience) throws -> [Int64: [String]] {
        guard !audience.appliedSuppression.isEmpty else { return [:] }
        let names = audience.appliedSuppression.map { StoreValue.text($0) }
        let list = Array(repeating: "?", count: names.count).joined(separator: ", ")
        var result: [Int64: [String]] = [:]
        try store.database.forEach(
            """
            SELECT s.person_id, s.segment FROM temp.\(audience.table) t JOIN temp.\(suppressionTable) s \
            ON s.person_id = t.person_id WHERE s.segment IN (\(list)) ORDER BY s.person_id, s.segment
            """, names
        ) { row in
            result[row.int64(0) ?? 0, default: []].append(row.string(1) ?? "")
        }
        return result
    }
}
