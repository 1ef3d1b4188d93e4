/// A rule that does not parse: where, and what was expected there.
///
/// Thrown once, at the first problem in reading order. The value carries data only; ``rendered()``
/// writes the message through ``DiagnosticRenderer``:
///
/// ```
/// error: expected a duration
///  --> cart_abandoners_6_24h:1:28
/// 1 | Add to Cart between 6h and ago
///   |                            ^ expected a duration such as 24h
/// ```
public struct RuleSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The segment name, or `"rule"`, shown in the location line.
    public let ruleName: String
    /// The rule text as given.
    public let source: String
    /// The place the error points to; the caret goes under its first character.
    public let range: SourceRange
    let problem: SyntaxProblem

    init(ruleName: String, source: String, range: SourceRange, problem: SyntaxProblem) {
        self.ruleName = ruleName
        self.source = source
        self.range = range
        self.problem = problem
    }

    /// The headline: `expected a duration`.
    public var message: String { problem.message }

    /// The words beside the caret: `expected a duration such as 24h`.
    public var label: String { problem.label }

    /// The 1-based line and column of ``range``, in characters.
    public var location: RuleLocation { RuleLocation(of: range.lowerBound, in: source) }

    /// One line: `cart_abandoners_6_24h:1:28: expected a duration`.
    public var description: String { "\(ruleName):\(location.line):\(location.column): \(message)" }

    /// The full error with the source line and a caret, as shown to people.
    public func rendered() -> String {
        DiagnosticRenderer.render(
            severity: .error, message: message, label: label, range: range, source: source, name: ruleName)
    }
}
