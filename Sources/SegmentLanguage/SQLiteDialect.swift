/// The SQLite dialect: the JSON1 functions, `instr`, `TOTAL`, `?` placeholders, and the two functions
/// the store registers on its connections:
///
/// - `segsync_num(x)`: INTEGER/REAL as REAL; TEXT that is entirely a decimal number (`"300"`, `"1e3"`) as
///   REAL; else NULL.
/// - `segsync_time(x)`: INTEGER/REAL as Unix seconds, in milliseconds; an ISO-8601 TEXT date or date-time
///   in milliseconds; else NULL.
///
/// `json_extract` returns JSON `true`/`false` as 1/0, so every typed read checks `json_type` first.
public struct SQLiteDialect: SQLDialect {
    public init() {}

    public func placeholder(_ index: Int) -> String { "?" }

    public var alwaysTrue: SQLFragment { "TRUE" }

    public var alwaysFalse: SQLFragment { "FALSE" }

    /// `$."products"[0]."id"`: keys are quoted, so any letters are safe; identifiers never contain `"`.
    public func jsonPath(_ components: [String]) -> SQLValue {
        var path = "$"
        for component in components {
            if !component.isEmpty, component.allSatisfy(\.isASCIIDigit), component.count < 10 {
                path += "[\(component)]"
            } else {
                path += ".\"" + component.filter { $0 != "\"" && $0 != "\\" } + "\""
            }
        }
        return .text(path)
    }

    public func jsonIsPresent(_ document: SQLFragment, path: SQLValue) -> SQLFragment {
        "COALESCE(json_type(\(document), \(bind: path)), 'null') <> 'null'"
    }

    public func jsonNumber(_ document: SQLFragment, path: SQLValue) -> SQLFragment {
        "segsync_num(\(scalar(document, path: path)))"
    }

    public func jsonString(_ document: SQLFragment, path: SQLValue) -> SQLFragment {
        "(CASE WHEN json_type(\(document), \(bind: path)) = 'text' THEN json_extract(\(document), \(bind: path)) END)"
    }

    public func jsonInstant(_ document: SQLFragment, path: SQLValue) -> SQLFragment {
        "segsync_time(\(scalar(document, path: path)))"
    }

    public func instant(ofNumber expression: SQLFragment) -> SQLFragment {
        "segsync_time(\(expression))"
    }

    public func jsonIsBoolean(_ value: Bool, _ document: SQLFragment, path: SQLValue?) -> SQLFragment {
        "json_type(\(document)\(pathArgument(path))) = \(bind: .text(value ? "true" : "false"))"
    }

    public func jsonArrayContainsString(_ document: SQLFragment, path: SQLValue?, element: String) -> SQLFragment {
        """
        EXISTS (SELECT 1 FROM json_each(\(document)\(pathArgument(path))) AS j \
        WHERE json_type(\(document)\(pathArgument(path))) = 'array' AND j.type = 'text' \
        AND j.value = \(bind: .text(element)))
        """
    }

    public func textContains(_ text: SQLFragment, needle: String) -> SQLFragment {
        "COALESCE(instr(\(text), \(bind: .text(needle))), 0) > 0"
    }

    public func sumOrZero(_ expression: SQLFragment) -> SQLFragment {
        "TOTAL(\(expression))"
    }

    /// The number, string or nothing at `path`, as `json_extract` returns it, with booleans, arrays,
    /// objects and null left out.
    private func scalar(_ document: SQLFragment, path: SQLValue) -> SQLFragment {
        """
        CASE WHEN json_type(\(document), \(bind: path)) IN ('integer', 'real', 'text') \
        THEN json_extract(\(document), \(bind: path)) END
        """
    }

    private func pathArgument(_ path: SQLValue?) -> SQLFragment {
        guard let path else { return "" }
        return ", \(bind: path)"
    }
}
