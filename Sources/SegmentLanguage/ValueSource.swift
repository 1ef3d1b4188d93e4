/// Where a tested value is read, as the typed SQL expressions the value tests need: an attribute's
/// typed columns, a path into JSON (event properties, nested attributes), or an event's value column.
struct ValueSource {
    /// Whether the value is present and not JSON null (two-valued); `nil` when the enclosing query
    /// already guarantees it.
    let present: SQLFragment?
    /// The value as a number (numbers and numeric strings), else NULL; `nil` when it is never one.
    let number: SQLFragment?
    /// The value when it is a string, else NULL; `nil` when it is never one.
    let string: SQLFragment?
    /// The value as an instant in milliseconds, else NULL; `nil` when it is never one.
    let instant: SQLFragment?
    /// Whether the value is the given JSON boolean; `nil` when it is never one.
    let isBoolean: (@Sendable (Bool) -> SQLFragment)?
    /// Whether the value is a string containing, or an array holding, the given string (two-valued);
    /// `nil` when it never is.
    let contains: (@Sendable (String) -> SQLFragment)?

    /// A top-level attribute through the `attributes` row of alias `a`, whose `value IS NOT NULL` the
    /// enclosing query checks: `num`, `str` and `time_ms` are its typed copies.
    init(attributeRow alias: String, dialect: any SQLDialect) {
        let value = SQLFragment(sql: "\(alias).value")
        let string = SQLFragment(sql: "\(alias).str")
        present = nil
        number = SQLFragment(sql: "\(alias).num")
        self.string = string
        instant = SQLFragment(sql: "\(alias).time_ms")
        isBoolean = { dialect.jsonIsBoolean($0, value, path: nil) }
        contains = { needle in
            let inArray = dialect.jsonArrayContainsString(value, path: nil, element: needle)
            return "(\(dialect.textContains(string, needle: needle)) OR \(inArray))"
        }
    }

    /// The value at `path` in the JSON `document`.
    init(document: SQLFragment, path: SQLValue, dialect: any SQLDialect) {
        let string = dialect.jsonString(document, path: path)
        present = dialect.jsonIsPresent(document, path: path)
        number = dialect.jsonNumber(document, path: path)
        self.string = string
        instant = dialect.jsonInstant(document, path: path)
        isBoolean = { dialect.jsonIsBoolean($0, document, path: path) }
        contains = { needle in
            let inArray = dialect.jsonArrayContainsString(document, path: path, element: needle)
            return "(\(dialect.textContains(string, needle: needle)) OR \(inArray))"
        }
    }

    /// An event's value column (`value`, else `revenue`, else `total`, as the store extracted it): a number
    /// or NULL, read as a JSON number would be (so a date compares with it as Unix seconds).
    init(eventValueColumn column: String, dialect: any SQLDialect) {
        present = SQLFragment(sql: "\(column) IS NOT NULL")
        number = SQLFragment(sql: column)
        string = nil
        instant = dialect.instant(ofNumber: SQLFragment(sql: column))
        isBoolean = nil
        contains = nil
    }
}
