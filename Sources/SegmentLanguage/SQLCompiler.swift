/// Compiles resolved rules to SQL over the store, through a ``SQLDialect``.
///
/// The query selects the ids of the live people (`deleted_at IS NULL`) for whom the rule holds at `now`, and
/// after them any `columns` the caller asks for:
///
/// ```sql
/// SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND (
///   p.id IN (SELECT e.person_id FROM events e WHERE e.name = ? AND e.ts > ? AND e.ts <= ?)
///   AND NOT (p.id IN (SELECT e.person_id FROM events e WHERE e.name IN (?, ?) AND e.ts <= ?)))
/// ```
///
/// Every literal (event names, numbers, strings, instants, JSON paths) is a bound value; no rule text
/// reaches the SQL. Each condition is a non-correlated `p.id IN (subquery)` (or `NOT IN` for conditions
/// that hold for people without events, such as `at most 2 times`) that SQLite answers from the
/// `(name, ts, person_id)` and `(key_norm, …)` indexes; sequences probe `(person_id, name, ts)` with
/// EXISTS. A rule nested deeper than SQLite's parser allows in one piece is split into common table
/// expressions (`WITH c1 AS (SELECT p.id FROM people p WHERE ...) SELECT ...`).
///
/// To compose rules, for instance an audience minus its suppression segments, compile a rule built in
/// code and resolved with ``ResolvedRule/init(resolving:knownEvents:aliases:)``, such as
/// `.and([audience.condition, .not(.segment(SegmentReference(name: "refunded")))])`.
public struct SQLCompiler: Sendable {
    /// How deep `in segment` references may nest.
    public static let maximumSegmentDepth = 16
    /// How many conditions a query may hold once segments are inlined.
    public static let maximumConditions = 5_000

    public let dialect: any SQLDialect

    public init(dialect: any SQLDialect = SQLiteDialect()) {
        self.dialect = dialect
    }

    /// Returns the query selecting the people `rule` holds for at `now`.
    ///
    /// - Parameters:
    ///   - rule: the rule, its event-or-attribute words decided.
    ///   - now: the evaluation instant in milliseconds since the epoch; events after it do not exist.
    ///   - aliases: canonical name → the event names that count as it. A canonical name matches only the
    ///     names in its list; any other name matches only itself.
    ///   - columns: expressions over the person's row `p` to select after `p.id`, such as
    ///     `p.email_hash IS NOT NULL`; reading them here saves a second lookup of each selected person.
    ///   - segments: the resolved rule of a segment by name, for `in segment NAME`; `nil` when there is none.
    /// - Throws: ``SQLCompileError`` for a missing segment, a reference cycle, references nested deeper
    ///   than ``maximumSegmentDepth``, or a query larger than ``maximumConditions``.
    public func compile(
        _ rule: ResolvedRule, now: Int64, aliases: [String: [String]] = [:],
        columns: [SQLFragment] = [], segments: (String) -> ResolvedRule? = { _ in nil }
    ) throws(SQLCompileError) -> CompiledQuery {
        let result = withoutActuallyEscaping(segments) { segments in
            var compiler = ConditionCompiler(
                dialect: dialect, now: now, aliases: aliases, segments: segments, root: rule.name)
            return Result { () throws(SQLCompileError) in
                let condition = try compiler.compile(rule.condition)
                return (condition, compiler.commonTables)
            }
        }
        let (condition, commonTables) = try result.get()
        let selected = SQLFragment.joined(["p.id"] + columns, separator: ", ")
        let select: SQLFragment = "SELECT \(selected) FROM people p WHERE p.deleted_at IS NULL AND \(condition)"
        let query: SQLFragment =
            commonTables.isEmpty
            ? select : "WITH \(SQLFragment.joined(commonTables, separator: ", ")) \(select)"
        let (sql, bindings) = query.rendered(with: dialect)
        return CompiledQuery(sql: sql, bindings: bindings)
    }
}

/// A compiled rule: SQL text with `?` placeholders, and the values to bind, in order.
public struct CompiledQuery: Equatable, Sendable {
    /// `SELECT p.id FROM people p WHERE p.deleted_at IS NULL AND (...)`, with any extra columns after `p.id`.
    public var sql: String
    /// The value for each placeholder, in order.
    public var bindings: [SQLValue]

    public init(sql: String, bindings: [SQLValue]) {
        self.sql = sql
        self.bindings = bindings
    }
}
