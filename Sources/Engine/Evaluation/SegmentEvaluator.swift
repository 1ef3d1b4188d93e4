import SegmentLanguage
import Store

/// Evaluates the segments of a catalog over a store at one instant `now`, in SQL.
///
/// Each segment or rule is compiled (its `in segment` references inlined) and its people are written to
/// a TEMP table of the store's connection; the suppression segments that apply are materialised once
/// into ``suppressionTable`` and subtracted in SQL. Nothing is pulled into Swift for set arithmetic.
///
/// ```swift
/// let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
/// let audiences = try evaluator.materialize([.segment("cart_abandoners_6_24h"), .segment("vip_ltv_300")])
/// for audience in audiences {
///     try evaluator.forEachMember(of: audience) { member in /* member.email, member.personId */ }
/// }
/// evaluator.dropTables()
/// ```
///
/// An evaluator belongs to one task, like its store; its tables are dropped by ``dropTables()`` or
/// when it goes away.
public final class SegmentEvaluator {
    /// The TEMP table holding every materialised suppression segment's people:
    /// `(person_id INTEGER, segment TEXT, PRIMARY KEY (person_id, segment))`.
    public var suppressionTable: String { tablePrefix + "_suppression" }

    public let store: Store
    public let catalog: SegmentCatalog
    /// The evaluation instant, in milliseconds since the epoch; events after it do not exist.
    public let now: Int64
    private let compiler = SQLCompiler(dialect: SQLiteDialect())
    /// Whether the person `p` has an email Pinterest can match (one with a hash: the sync sends exactly
    /// those), as an extra column of a materialised audience's query.
    private static let hasEmail: SQLFragment = "p.email_hash IS NOT NULL"
    private var tables: [String] = []
    private var materializedSuppression: [String: Int] = [:]
    private var nextTable = 1
    /// Makes this evaluator's table names unique among the live evaluators of the connection.
    private var tablePrefix: String {
        "segsync_" + String(UInt(bitPattern: ObjectIdentifier(self).hashValue), radix: 36)
    }

    /// - Throws: ``EvaluationError`` when the catalog has errors.
    public init(store: Store, catalog: SegmentCatalog, now: Int64) throws(EvaluationError) {
        guard !catalog.hasErrors else {
            throw EvaluationError(.catalogHasErrors(source: catalog.source, errors: catalog.issues.errors.count))
        }
        self.store = store
        self.catalog = catalog
        self.now = now
    }

    deinit { dropTables() }

    /// The query selecting a rule's people at ``now``, its segment references inlined; `columns` are
    /// expressions over the person's row `p` selected after `p.id`.
    public func compile(_ rule: ResolvedRule, columns: [SQLFragment] = []) throws(EvaluationError) -> CompiledQuery {
        do {
            return try compiler.compile(rule, now: now, aliases: catalog.aliases, columns: columns) {
                catalog.resolvedRule(named: $0)
            }
        } catch {
            throw EvaluationError(.compile(error))
        }
    }

    /// SQLite's plan for a target's query (`EXPLAIN QUERY PLAN`), one line per step, indented by depth: the
    /// query ``materialize(_:suppress:)`` runs.
    public func queryPlan(of target: EvaluationTarget) throws -> [String] {
        let query = try compile(rule(of: target), columns: [Self.hasEmail])
        return try store.database.queryPlan(query.sql, query.bindings.storeValues)
    }

    /// The resolved rule of a target.
    public func rule(of target: EvaluationTarget) throws(EvaluationError) -> ResolvedRule {
        switch target {
        case .rule(let rule):
            return rule
        case .segment(let name):
            guard let rule = catalog.resolvedRule(named: name) else {
                throw EvaluationError(
                    .unknownSegment(name, suggestions: Suggestions.closest(to: name, among: catalog.names)))
            }
            return rule
        }
    }

    /// Materialises each target's people, with suppression applied unless `suppress` is false, all in one
    /// read transaction so that every count sees the same store.
    ///
    /// - Parameters:
    ///   - targets: named segments or bare rules; a segment gets the suppression segments that apply to it
    ///     (none for a suppression segment), a bare rule all of them.
    ///   - suppress: false to skip suppression (`--no-suppress`).
    /// - Returns: one ``MaterializedAudience`` per target, in order.
    public func materialize(_ targets: [EvaluationTarget], suppress: Bool = true) throws -> [MaterializedAudience] {
        let compiled = try targets.map { target throws(EvaluationError) in
            (target, try compile(rule(of: target), columns: [Self.hasEmail]))
        }
        return try inReadTransaction {
            try compiled.map { target, query in
                let table = makeTableName()
                let applied = suppress ? catalog.suppression(applyingTo: target.segmentName) : []
                let counts = try materialize(query, into: table, suppressedBy: applied)
                return MaterializedAudience(
                    segment: target.segmentName, table: table, counts: counts, appliedSuppression: applied)
            }
        }
    }

    /// Materialises one target; see ``materialize(_:suppress:)``.
    public func materialize(_ target: EvaluationTarget, suppress: Bool = true) throws -> MaterializedAudience {
        let result = try materialize([target], suppress: suppress)
        guard let first = result.first else { preconditionFailure("one target gives one audience") }
        return first
    }

    /// Materialises every suppression segment into ``suppressionTable`` and returns how many people each
    /// holds, for exports of the suppression list.
    public func materializeSuppression() throws -> [String: Int] {
        try inReadTransaction {
            for name in catalog.suppressionNames { try materializeSuppression(name) }
            return materializedSuppression
        }
    }

    /// Materialises every audience of the catalog (the segments with `pinterest.audience`), with
    /// suppression, in one read transaction; see ``materialize(_:suppress:)``.
    public func materializeAudiences() throws -> [MaterializedAudience] {
        try materialize(catalog.audiences.map { .segment($0.name) })
    }

    /// Drops the TEMP tables this evaluator made.
    public func dropTables() {
        for table in tables { try? store.database.execute("DROP TABLE IF EXISTS temp.\(table)") }
        tables.removeAll()
        materializedSuppression.removeAll()
    }

    private func makeTableName() -> String {
        defer { nextTable += 1 }
        return "\(tablePrefix)_members_\(nextTable)"
    }

    /// Writes the query's people to `table`, marks those in the `suppressedBy` segments, and counts.
    private func materialize(_ query: CompiledQuery, into table: String, suppressedBy: [String]) throws
        -> AudienceCounts
    {
        let database = store.database
        try database.execute("""
            DROP TABLE IF EXISTS temp.\(table);
            CREATE TEMP TABLE \(table) (
                person_id INTEGER PRIMARY KEY, has_email INTEGER NOT NULL, suppressed INTEGER NOT NULL DEFAULT 0);
            """)
        tables.append(table)
        var counts = AudienceCounts()
        // The query reads has_email (``hasEmail``) while each person's row is at hand: one lookup of each
        // person. (SQLite usually returns them in id order, so the insert appends.)
        counts.count = try database.run(
            "INSERT INTO temp.\(table) (person_id, has_email) \(query.sql)", query.bindings.storeValues)
        if !suppressedBy.isEmpty {
            for name in suppressedBy { try materializeSuppression(name) }
            let names = suppressedBy.map { StoreValue.text($0) }
            let list = Array(repeating: "?", count: names.count).joined(separator: ", ")
            counts.suppressed = try database.run(
                """
                UPDATE temp.\(table) SET suppressed = 1 WHERE person_id IN \
                (SELECT person_id FROM temp.\(suppressionTable) WHERE segment IN (\(list)))
                """, names)
            counts.suppressedBy = Dictionary(uniqueKeysWithValues: suppressedBy.map { ($0, 0) })
            try database.forEach(
                """
                SELECT s.segment, count(*) FROM temp.\(suppressionTable) s CROSS JOIN temp.\(table) t \
                ON t.person_id = s.person_id WHERE s.segment IN (\(list)) GROUP BY s.segment
                """, names
            ) { row in
                counts.suppressedBy[row.string(0) ?? ""] = Int(row.int64(1) ?? 0)
            }
        }
        counts.matchable = try database.count(
            "SELECT count(*) FROM temp.\(table) WHERE suppressed = 0 AND has_email = 1")
        return counts
    }

    /// Writes the people of suppression segment `name` to ``suppressionTable``, once per evaluator.
    private func materializeSuppression(_ name: String) throws {
        guard materializedSuppression[name] == nil else { return }
        let database = store.database
        if !tables.contains(suppressionTable) {
            try database.execute("""
                DROP TABLE IF EXISTS temp.\(suppressionTable);
                CREATE TEMP TABLE \(suppressionTable) (
                    person_id INTEGER NOT NULL, segment TEXT NOT NULL, PRIMARY KEY (person_id, segment)
                ) WITHOUT ROWID;
                """)
            tables.append(suppressionTable)
        }
        let query = try compile(rule(of: .segment(name)))
        materializedSuppression[name] = try database.run(
            "INSERT OR IGNORE INTO temp.\(suppressionTable) (person_id, segment) SELECT id, ? FROM (\(query.sql))",
            [.text(name)] + query.bindings.storeValues)
    }

    /// Runs `body` in a read transaction (a savepoint, so that it nests in the caller's transaction).
    private func inReadTransaction<T>(_ body: () throws -> T) throws -> T {
        let database = store.database
        let (savedTables, savedSuppression) = (tables, materializedSuppression)
        try database.execute("SAVEPOINT segsync_evaluation")
        do {
            let result = try body()
            try database.execute("RELEASE segsync_evaluation")
            return result
        } catch {
            // The savepoint's tables are gone with it.
            try? database.execute("ROLLBACK TO segsync_evaluation; RELEASE segsync_evaluation")
            (tables, materializedSuppression) = (savedTables, savedSuppression)
            throw error
        }
    }
}
