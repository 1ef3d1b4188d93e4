/// A test of one value (an attribute or an event property), shared by attribute conditions and `where` filters.
///
/// Meaning, for a value that is present (a missing value fails every test except ``isNotSet``):
/// - numbers compare numerically, and a numeric string such as `"300"` counts as the number 300;
/// - strings compare exactly, case-sensitively and by bytes (ordering too);
/// - `= true`/`= false` hold only for JSON booleans;
/// - a date compares with the value read as an instant (ISO-8601 string or Unix seconds);
/// - `=` between a number and a non-numeric string is false, and so is any ordering between them;
/// - `!=` is the negation of `=` (for a present value), `NOT IN` of `IN`, `NOT CONTAINS` of `CONTAINS`;
/// - `IN (a, b)` is `= a OR = b`;
/// - `CONTAINS s` holds for a string containing `s` (case-sensitive), and for an array that has
///   the string `s` as an element.
public enum ValueTest: Equatable, Sendable {
    /// `= 300`, `!= "gold"`, `> $50`, `<= 2024-01-01`.
    case compare(ComparisonOperator, RuleValue)
    /// `IS SET`: the value is present and not JSON `null`.
    case isSet
    /// `IS NOT SET`: the value is missing or JSON `null`.
    case isNotSet
    /// `IN (v, ...)`.
    case isIn([RuleValue])
    /// `NOT IN (v, ...)`.
    case isNotIn([RuleValue])
    /// `CONTAINS "s"`.
    case contains(String)
    /// `NOT CONTAINS "s"`.
    case notContains(String)
}

/// `=`, `!=`, `>`, `>=`, `<`, `<=`.
public enum ComparisonOperator: String, CaseIterable, Equatable, Sendable {
    case equal = "="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    /// Whether `lhs op rhs` holds.
    public func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        }
    }

    /// Whether the operator orders (`>`, `>=`, `<`, `<=`) rather than tests equality.
    public var isOrdering: Bool { self != .equal && self != .notEqual }
}

/// A literal value in a rule.
public enum RuleValue: Equatable, Sendable {
    /// A number; money amounts (`$300`, `€20`, `£5`) are numbers with the symbol dropped.
    case number(Double)
    /// A double-quoted string, escapes decoded.
    case string(String)
    /// `true` or `false`.
    case boolean(Bool)
    /// A date or date-time.
    case instant(RuleInstant)
}

/// An attribute or property name: letters, digits, `_` and `.`, where a dot reaches into nested JSON.
///
/// For an attribute the first component is the attribute key, matched case-insensitively; the rest is
/// a path into its JSON value, matched exactly. A component of digits indexes an array (`products.0.id`).
public struct FieldPath: Equatable, Sendable, ExpressibleByStringLiteral {
    /// The name as written: `address.country`.
    public var text: String
    public var range: SourceRange

    public init(_ text: String, range: SourceRange = .none) {
        self.text = text
        self.range = range
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The dot-separated parts: `["address", "country"]`.
    public var components: [String] {
        text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
