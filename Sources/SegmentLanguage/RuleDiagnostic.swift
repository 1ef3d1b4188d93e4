/// A finding of the semantic checks: an unknown name, an empty window, a count that cannot vary.
///
/// Unlike a ``RuleSyntaxError``, a rule can have several, and warnings do not stop it from being used.
/// The ``id`` is stable for tools and tests; the words come from the static members in `RuleDiagnostics.swift`.
public struct RuleDiagnostic: Equatable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Equatable, Sendable {
        /// The rule must not be used.
        case error
        /// The rule works but may not mean what was meant.
        case warning
    }

    /// A stable identifier of the kind of diagnostic, such as `unknown-event`.
    public struct ID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var severity: Severity
    /// The headline, such as `unknown event "Purchsed"; did you mean "Purchased"?`.
    public var message: String
    /// The words beside the caret when rendered.
    public var label: String
    /// The part of the rule the diagnostic is about.
    public var range: SourceRange

    public init(id: ID, severity: Severity, message: String, label: String = "", range: SourceRange) {
        self.id = id
        self.severity = severity
        self.message = message
        self.label = label
        self.range = range
    }

    /// `warning: unknown event "Purchsed"; did you mean "Purchased"?`
    public var description: String { "\(severity.rawValue): \(message)" }

    /// The diagnostic with the rule's line and a caret, as ``DiagnosticRenderer`` writes it.
    ///
    /// - Parameters:
    ///   - source: the rule text the range points into.
    ///   - name: the segment name, or `"rule"`.
    public func rendered(source: String, name: String) -> String {
        DiagnosticRenderer.render(
            severity: severity, message: message, label: label, range: range, source: source, name: name)
    }
}
