/// Everything database-specific the rule compiler writes: placeholders, JSON access into event
/// properties and attribute values, numeric and time coercion, substring tests, and sums.
///
/// The compiler writes the query shapes (which tables, which subqueries) and asks the dialect for each
/// expression that differs between databases. ``SQLiteDialect`` is the one the store uses; a PostgreSQL
/// dialect can be added without touching the compiler. Every method that takes rule text takes it as a
/// value to bind, never as SQL.
public protocol SQLDialect: Sendable {
    /// The placeholder for the `index`th bound value, counting from 1: `?` in SQLite.
    func placeholder(_ index: Int) -> String

    /// A condition that always holds.
    var alwaysTrue: SQLFragment { get }

    /// A condition that never holds.
    var alwaysFalse: SQLFragment { get }

    /// The value to bind as the JSON path for `components` (`["products", "0", "id"]`): components of
    /// digits index arrays, others are object keys.
    func jsonPath(_ components: [String]) -> SQLValue

    /// Whether `document` holds a value at `path` that is not JSON `null`; never NULL.
    func jsonIsPresent(_ document: SQLFragment, path: SQLValue) -> SQLFragment

    /// The value at `path` as a number when it is a JSON number or a string that is entirely a decimal
    /// number (`"300"`, `"-1.5"`), else NULL. JSON booleans are not numbers.
    func jsonNumber(_ document: SQLFragment, path: SQLValue) -> SQLFragment

    /// The value at `path` when it is a JSON string, else NULL.
    func jsonString(_ document: SQLFragment, path: SQLValue) -> SQLFragment

    /// The value at `path` as an instant in milliseconds when it is an ISO-8601 string or a number of
    /// Unix seconds, else NULL.
    func jsonInstant(_ document: SQLFragment, path: SQLValue) -> SQLFragment

    /// A numeric column read as an instant, as JSON numbers are (Unix seconds, in milliseconds).
    func instant(ofNumber expression: SQLFragment) -> SQLFragment

    /// Whether the value at `path` (the whole document when `nil`) is the JSON boolean `value`.
    /// NULL when there is no value.
    func jsonIsBoolean(_ value: Bool, _ document: SQLFragment, path: SQLValue?) -> SQLFragment

    /// Whether the value at `path` (the whole document when `nil`) is an array with the string `element`
    /// among its elements; never NULL.
    func jsonArrayContainsString(_ document: SQLFragment, path: SQLValue?, element: String) -> SQLFragment

    /// Whether the text expression `text` contains `needle` (case-sensitive); never NULL (false for NULL).
    func textContains(_ text: SQLFragment, needle: String) -> SQLFragment

    /// The aggregate sum of `expression` over a group, 0 when the group has no non-NULL value.
    func sumOrZero(_ expression: SQLFragment) -> SQLFragment
}
