/// A value bound to a placeholder of a compiled query or a store's statement, or read from a result row: the one
/// value type that the rule compiler and the stores share.
public enum SQLValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .null: "NULL"
        }
    }

    /// The value as an integer, when it is one (or a real with no fraction).
    public var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): value.rounded() == value ? Int64(exactly: value) : nil
        default: nil
        }
    }

    /// The value as a double, when it is numeric.
    public var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// The value as a string, when it is text.
    public var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension Optional where Wrapped == String {
    /// This optional string as an SQL value (`NULL` when nil).
    public var sqlValue: SQLValue { map(SQLValue.text) ?? .null }
}

extension Optional where Wrapped == Int64 {
    /// This optional integer as an SQL value (`NULL` when nil).
    public var sqlValue: SQLValue { map(SQLValue.integer) ?? .null }
}

extension Optional where Wrapped == Double {
    /// This optional double as an SQL value (`NULL` when nil).
    public var sqlValue: SQLValue { map(SQLValue.real) ?? .null }
}

extension String {
    /// The text with every `target` replaced by `replacement` (no Foundation here).
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
