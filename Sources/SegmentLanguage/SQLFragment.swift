/// A piece of SQL with its bound values kept beside the text, in order, so that no value ever becomes
/// SQL text. Write fragments with string interpolation: plain interpolation inserts another fragment,
/// `\(bind: value)` inserts a placeholder for a bound value.
///
/// ```swift
/// let fragment: SQLFragment = "e.name = \(bind: .text("Purchased")) AND e.ts <= \(bind: .integer(now))"
/// fragment.rendered(with: SQLiteDialect())  // ("e.name = ? AND e.ts <= ?", [.text("Purchased"), .integer(now)])
/// ```
public struct SQLFragment: Equatable, Sendable, ExpressibleByStringInterpolation {
    /// Text written by the compiler or a dialect, or a value to bind.
    public enum Part: Equatable, Sendable {
        case sql(String)
        case binding(SQLValue)
    }

    public private(set) var parts: [Part]

    /// SQL text written by the compiler or a dialect (never rule text).
    public init(sql: String) {
        parts = [.sql(sql)]
    }

    public init(stringLiteral value: String) {
        self.init(sql: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
    }

    /// The placeholder for one bound value.
    public static func binding(_ value: SQLValue) -> SQLFragment {
        var fragment = SQLFragment(sql: "")
        fragment.parts = [.binding(value)]
        return fragment
    }

    /// Builds fragments from literal SQL and interpolated fragments and bindings.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.sql(literal)) }
        }

        /// Inserts another fragment, its bindings in place.
        public mutating func appendInterpolation(_ fragment: SQLFragment) {
            parts.append(contentsOf: fragment.parts)
        }

        /// Inserts a placeholder bound to `value`.
        public mutating func appendInterpolation(bind value: SQLValue) {
            parts.append(.binding(value))
        }

        /// Inserts one placeholder per value, separated by commas: `?, ?, ?`.
        public mutating func appendInterpolation(bindList values: [SQLValue]) {
            for (index, value) in values.enumerated() {
                if index > 0 { parts.append(.sql(", ")) }
                parts.append(.binding(value))
            }
        }
    }

    /// The bound values, in placeholder order.
    public var bindings: [SQLValue] {
        parts.compactMap { if case .binding(let value) = $0 { value } else { nil } }
    }

    /// The SQL text with the dialect's placeholders, and the values to bind to them.
    public func rendered(with dialect: any SQLDialect) -> (sql: String, bindings: [SQLValue]) {
        var sql = ""
        var bindings: [SQLValue] = []
        for part in parts {
            switch part {
            case .sql(let text):
                sql += text
            case .binding(let value):
                bindings.append(value)
                sql += dialect.placeholder(bindings.count)
            }
        }
        return (sql, bindings)
    }

    /// The fragments joined with `separator` between them.
    public static func joined(_ fragments: [SQLFragment], separator: String) -> SQLFragment {
        var result = SQLFragment(sql: "")
        result.parts = []
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { result.parts.append(.sql(separator)) }
            result.parts.append(contentsOf: fragment.parts)
        }
        return result
    }
}
