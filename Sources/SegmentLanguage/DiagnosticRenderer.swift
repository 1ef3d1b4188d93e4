/// Writes syntax errors and diagnostics for people, in one shape:
///
/// ```
/// error: expected a duration
///  --> cart_abandoners_6_24h:1:28
/// 1 | Add to Cart between 6h and ago
///   |                            ^ expected a duration such as 24h
/// ```
///
/// Line and column are computed here from the range's UTF-8 offset; nothing upstream formats positions.
public enum DiagnosticRenderer {
    /// Renders one message pointing at `range` in `source`.
    ///
    /// - Parameters:
    ///   - severity: the word before the message (`error`, `warning`).
    ///   - message: the headline.
    ///   - label: the words beside the caret; none when empty.
    ///   - range: where the caret goes (under its first character).
    ///   - source: the rule text.
    ///   - name: the segment name, or `"rule"`.
    public static func render(
        severity: RuleDiagnostic.Severity, message: String, label: String, range: SourceRange, source: String,
        name: String
    ) -> String {
        let location = RuleLocation(of: range.lowerBound, in: source)
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let indent = String(location.textBeforeColumn.map { $0 == "\t" ? "\t" : " " })
        let caret = label.isEmpty ? "^" : "^ \(label)"
        return """
            \(severity.rawValue): \(message)
            \(gutter)--> \(name):\(location.line):\(location.column)
            \(number) | \(location.lineText)
            \(gutter) | \(indent)\(caret)
            """
    }
}
