/// A segment rule: its name, its text, and the condition the text parses to.
///
/// ```swift
/// let rule = try Rule.parse("Checkout Started in last 24h AND NOT Purchased", name: "checkout_abandoners")
/// let analysis = rule.analyze(knownEvents: ["Checkout Started", "Order Completed"], knownAttributes: [],
///                             aliases: ["Purchased": ["Order Completed", "Purchase"]])
/// let query = try SQLCompiler().compile(analysis.rule, now: now, aliases: aliases) { _ in nil }
/// ```
public struct Rule: Equatable, Sendable {
    /// The segment name (the file name without `.yml`), or `"rule"`; used in messages.
    public var name: String
    /// The rule text as written.
    public var source: String
    public var condition: Condition

    /// Creates a rule from a condition built in code; `source` is only used to show diagnostics.
    public init(name: String, source: String = "", condition: Condition) {
        self.name = name
        self.source = source
        self.condition = condition
    }

    /// Parses rule text.
    ///
    /// - Parameters:
    ///   - text: the rule, such as `LTV > $300 AND NOT in segment churned`.
    ///   - name: the segment name shown in error messages.
    /// - Throws: ``RuleSyntaxError`` at the first place the text does not follow the grammar.
    public static func parse(_ text: String, name: String = "rule") throws(RuleSyntaxError) -> Rule {
        var parser = Parser(source: text)
        do {
            return Rule(name: name, source: text, condition: try parser.parseRule())
        } catch {
            throw RuleSyntaxError(ruleName: name, source: text, range: error.range, problem: error.problem)
        }
    }

    /// The segments, events and attributes the rule mentions.
    public var references: RuleReferences { condition.references }

    /// Decides each bare word that may be an event or an attribute, and checks the rule.
    ///
    /// A word followed by `MORE THAN ... AGO` or `BEFORE date` is an event when `aliases` declares it or
    /// `knownEvents` has it, and an attribute otherwise. The checks report unknown events and attributes
    /// (warnings, with the closest known names), empty windows, counts that cannot vary, and the like.
    ///
    /// - Parameters:
    ///   - knownEvents: the event names the store has seen.
    ///   - knownAttributes: the attribute keys the store has seen (any letter case).
    ///   - aliases: canonical name → the event names that count as it.
    /// - Returns: the resolved rule, ready to compile, and the diagnostics, errors first.
    public func analyze(
        knownEvents: Set<String>, knownAttributes: Set<String>, aliases: [String: [String]] = [:]
    ) -> RuleAnalysis {
        var analyzer = RuleAnalyzer(
            rule: self, knownEvents: knownEvents, knownAttributes: knownAttributes, aliases: aliases)
        analyzer.check(condition)
        let diagnostics = analyzer.diagnostics.enumerated().sorted {
            ($0.element.severity == .error ? 0 : 1, $0.offset) < ($1.element.severity == .error ? 0 : 1, $1.offset)
        }.map(\.element)
        return RuleAnalysis(
            rule: ResolvedRule(resolving: self, knownEvents: knownEvents, aliases: aliases), diagnostics: diagnostics)
    }
}

/// The result of ``Rule/analyze(knownEvents:knownAttributes:aliases:)``.
public struct RuleAnalysis: Equatable, Sendable {
    /// The rule with every event-or-attribute word decided.
    public var rule: ResolvedRule
    /// Errors first, then warnings, each in source order.
    public var diagnostics: [RuleDiagnostic]

    /// Whether any diagnostic is an error, in which case the rule must not be used.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
