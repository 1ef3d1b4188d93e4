/// Turns one resolved condition into an SQL condition on `p.id`. Holds the evaluation instant, the
/// aliases, the segment lookup, the chain of segments being inlined, and the common table expressions
/// that deep rules are split into.
///
/// Every fragment it returns is two-valued (TRUE or FALSE, never NULL), so NOT and the boolean
/// operators behave as in the rule language: each atom is `p.id [NOT] IN (subquery)` over a subquery
/// that never yields NULL.
///
/// SQLite's parser has a fixed stack (100 entries before 3.46), which about 20 levels of `NOT (a OR ...)`
/// exhaust. So no piece of SQL nests more than ``maximumNesting`` levels: a deeper sub-condition becomes
/// a common table expression `cN AS (SELECT p.id FROM people p WHERE ...)` used as `p.id IN (SELECT id FROM cN)`.
struct ConditionCompiler {
    let dialect: any SQLDialect
    let now: Int64
    let aliases: [String: [String]]
    let segments: (String) -> ResolvedRule?
    /// The segments being inlined, outermost (the rule itself) first.
    private var segmentChain: [String]
    private var conditionCount = 0
    /// How deep the SQL being written nests, in parenthesised boolean levels.
    private var nesting = 0
    /// The common table expressions written so far, each `cN AS (...)`, deepest first.
    private(set) var commonTables: [SQLFragment] = []

    /// How many operands an AND or OR writes in a row before nesting; SQLite parses a chain of N
    /// operands N levels deep.
    private static let flatOperandLimit = 8
    /// The deepest boolean nesting written in one piece of SQL.
    static let maximumNesting = 8

    init(
        dialect: any SQLDialect, now: Int64, aliases: [String: [String]], segments: @escaping (String) -> ResolvedRule?,
        root: String
    ) {
        self.dialect = dialect
        self.now = now
        self.aliases = aliases
        self.segments = segments
        self.segmentChain = [root]
    }

    mutating func compile(_ condition: Condition) throws(SQLCompileError) -> SQLFragment {
        switch condition {
        case .and(let operands) where operands.count > 1:
            return try nested(condition, levels: 1 + Self.groupLevels(operands.count)) {
                compiler throws(SQLCompileError) in
                try compiler.combine(operands, with: "AND")
            }
        case .or(let operands) where operands.count > 1:
            return try nested(condition, levels: 1 + Self.groupLevels(operands.count)) {
                compiler throws(SQLCompileError) in
                try compiler.combine(operands, with: "OR")
            }
        case .and(let operands), .or(let operands):
            guard let only = operands.first else { return dialect.alwaysTrue }
            return try compile(only)
        case .not(let operand):
            return try nested(condition, levels: 1) { compiler throws(SQLCompileError) in
                let inner = try compiler.compile(operand)
                return inner.isParenthesized ? "NOT \(inner)" : "NOT (\(inner))"
            }
        case .event(let event):
            try countCondition()
            return compile(event)
        case .aggregate(let aggregate):
            try countCondition()
            return compile(aggregate)
        case .attribute(let attribute):
            try countCondition()
            return compile(attribute)
        case .segment(let reference):
            return try nested(condition, levels: 1) { compiler throws(SQLCompileError) in
                try compiler.inline(reference)
            }
        case .eventOrAttribute(let undecided):
            preconditionFailure("a ResolvedRule holds no undecided word, yet \"\(undecided.name)\" is one")
        }
    }

    /// Writes `condition` with `write`, `levels` deeper; or, when that would nest too deep, writes it as a
    /// new common table expression at the top level and refers to it.
    private mutating func nested(
        _ condition: Condition, levels: Int, _ write: (inout ConditionCompiler) throws(SQLCompileError) -> SQLFragment
    ) throws(SQLCompileError) -> SQLFragment {
        if nesting > 0, nesting + levels > Self.maximumNesting {
            let outer = nesting
            nesting = 0
            defer { nesting = outer }
            let body = try compile(condition)
            let name = SQLFragment(sql: "c\(commonTables.count + 1)")
            commonTables.append("\(name) AS (SELECT p.id FROM people p WHERE \(body))")
            return "p.id IN (SELECT id FROM \(name))"
        }
        nesting += levels
        defer { nesting -= levels }
        return try write(&self)
    }

    /// `(a AND b AND c)`, nested in groups of at most ``flatOperandLimit`` so that long chains stay shallow.
    private mutating func combine(
        _ operands: [Condition], with connective: String
    ) throws(SQLCompileError)
        -> SQLFragment
    {
        var parts: [SQLFragment] = []
        parts.reserveCapacity(operands.count)
        for operand in operands { parts.append(try compile(operand)) }
        return group(parts[...], with: connective)
    }

    /// How many levels of parentheses ``group(_:with:)`` adds above one for `count` operands.
    private static func groupLevels(_ count: Int) -> Int {
        var levels = 0
        var size = count
        while size > flatOperandLimit {
            size = (size + 1) / 2
            levels += 1
        }
        return levels
    }

    private func group(_ parts: ArraySlice<SQLFragment>, with connective: String) -> SQLFragment {
        if parts.count == 1, let only = parts.first { return only }
        if parts.count <= ConditionCompiler.flatOperandLimit {
            return "(\(SQLFragment.joined(Array(parts), separator: " \(connective) ")))"
        }
        let middle = parts.startIndex + parts.count / 2
        let left = group(parts[..<middle], with: connective)
        let right = group(parts[middle...], with: connective)
        return "(\(left) \(SQLFragment(sql: connective)) \(right))"
    }

    /// The referenced segment's own condition, inlined, with cycles and runaway depth refused.
    private mutating func inline(_ reference: SegmentReference) throws(SQLCompileError) -> SQLFragment {
        if let start = segmentChain.firstIndex(of: reference.name) {
            throw SQLCompileError(.segmentCycle(Array(segmentChain[start...]) + [reference.name]))
        }
        guard segmentChain.count <= SQLCompiler.maximumSegmentDepth else {
            throw SQLCompileError(.segmentsTooDeep(segmentChain + [reference.name]))
        }
        guard let segment = segments(reference.name) else {
            throw SQLCompileError(.unknownSegment(reference.name, referencedBy: segmentChain.last ?? ""))
        }
        segmentChain.append(reference.name)
        defer { segmentChain.removeLast() }
        return "(\(try compile(segment.condition)))"
    }

    private mutating func countCondition() throws(SQLCompileError) {
        conditionCount += 1
        if conditionCount > SQLCompiler.maximumConditions {
            throw SQLCompileError(.tooLarge(rule: segmentChain.first ?? "", limit: SQLCompiler.maximumConditions))
        }
    }
}

extension SQLFragment {
    /// Whether the fragment is one parenthesised expression. The compiler only writes fragments that
    /// start with `(` when the whole fragment is wrapped (groups and inlined segments).
    fileprivate var isParenthesized: Bool {
        if case .sql(let text) = parts.first { return text.hasPrefix("(") }
        return false
    }
}
