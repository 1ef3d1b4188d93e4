/// A problem found while loading the segment files: an error (the segments must not be used) or a
/// warning (they work, but may not mean what was meant). Each names the file, and the line and column
/// where they are known.
///
/// ```
/// segments/vip.yml:3:1: error: unknown key "rul"; did you mean "rule"?
/// ```
///
/// A rule's syntax error or diagnostic also carries ``detail``: the rule's line with a caret under the
/// place, as ``SegmentLanguage/DiagnosticRenderer`` draws it.
public struct SegmentIssue: Sendable, Equatable, CustomStringConvertible {
    /// How serious an issue is.
    public enum Severity: String, Sendable, Equatable, Codable {
        case error
        case warning
    }

    /// A stable identifier of the kind of issue, such as `unknown-key` or `rule-syntax`.
    public struct ID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: ID
    public var severity: Severity
    /// The file, as found in the segments directory (`segments/vip.yml`).
    public var file: String
    /// The 1-based line in the file, when known.
    public var line: Int?
    /// The 1-based column in the file, when known.
    public var column: Int?
    /// One line saying what is wrong.
    public var message: String
    /// The rule with a caret under the place, for rule syntax errors and rule diagnostics.
    public var detail: String?

    public init(
        id: ID, severity: Severity, file: String, line: Int? = nil, column: Int? = nil, message: String,
        detail: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.detail = detail
    }

    /// `segments/vip.yml:3:1`, or as much of it as is known.
    public var location: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// One line: `segments/vip.yml:3:1: error: unknown key "rul"; did you mean "rule"?`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The one-line description followed by the detail, if any: what `segsync check` prints.
    public var rendered: String {
        guard let detail, !detail.isEmpty else { return description }
        return description + "\n" + detail
    }
}

extension Array where Element == SegmentIssue {
    /// The errors among the issues.
    public var errors: [SegmentIssue] { filter { $0.severity == .error } }

    /// The warnings among the issues.
    public var warnings: [SegmentIssue] { filter { $0.severity == .warning } }
}
