import Store

/// The event names and attribute keys a store has seen: what decides whether a bare word in a rule is an
/// event or an attribute, and what "did you mean" suggestions are drawn from.
public struct StoreVocabulary: Sendable, Equatable {
    /// Every event name the store has seen.
    public var events: Set<String>
    /// Every attribute key the store has seen, lowercased.
    public var attributes: Set<String>

    public init(events: Set<String> = [], attributes: Set<String> = []) {
        self.events = events
        self.attributes = attributes
    }

    /// What `store` has seen so far.
    ///
    /// Reads the distinct names by skipping through the `(name, ...)` and `(key_norm, ...)` indexes, one
    /// seek per distinct name, so that it takes milliseconds on a store of ten million events where
    /// `SELECT DISTINCT` reads the whole index (seconds).
    public init(store: Store) throws {
        events = try Self.distinct(column: "name", table: "events", in: store)
        attributes = try Self.distinct(column: "key_norm", table: "attributes", in: store)
    }

    /// The distinct values of an indexed column, by a recursive query that seeks to the next value.
    private static func distinct(column: String, table: String, in store: Store) throws -> Set<String> {
        Set(
            try store.database.query(
                """
                WITH RECURSIVE found(value) AS (
                    SELECT (SELECT min(\(column)) FROM \(table))
                    UNION ALL
                    SELECT (SELECT min(\(column)) FROM \(table) WHERE \(column) > found.value)
                    FROM found WHERE found.value IS NOT NULL
                )
                SELECT value FROM found WHERE value IS NOT NULL
                """
            ) { $0.string(0) ?? "" })
    }
}
