/// What `segsync check` reports about a segments directory: its segments, its aliases, and every issue.
///
/// Encodes as one JSON object:
///
/// ```json
/// {"ok": false, "source": "segments", "errors": 1, "warnings": 2,
///  "segments": [{"name": "vip_ltv_300", "file": "segments/vip_ltv_300.yml", "rule": "LTV > $300",
///                "suppression": false, "audience": "VIP customers LTV 300+",
///                "ignore_suppression": ["purchased_14d"]}],
///  "aliases": {"Purchased": ["Order Completed", "Purchase"]},
///  "issues": [{"severity": "error", "id": "unknown-key", "file": "segments/x.yml", "line": 3, "column": 1,
///              "message": "unknown key \"rul\"; did you mean \"rule\"?"}]}
/// ```
public struct SegmentCheckReport: Sendable, Encodable {
    /// One segment as the report lists it.
    public struct Entry: Sendable, Encodable {
        public var name: String
        public var file: String
        public var rule: String
        public var description: String?
        public var suppression: Bool
        public var audience: String?
        /// `true`, or the suppression segments ignored; absent when none are.
        public var ignoredSuppression: [String]?

        enum CodingKeys: String, CodingKey {
            case name, file, rule, description, suppression, audience
            case ignoredSuppression = "ignore_suppression"
        }
    }

    /// One issue as the report lists it.
    public struct Issue: Sendable, Encodable {
        public var severity: SegmentIssue.Severity
        public var id: String
        public var file: String
        public var line: Int?
        public var column: Int?
        public var message: String
        public var detail: String?
    }

    public var ok: Bool
    public var source: String
    public var errors: Int
    public var warnings: Int
    public var segments: [Entry]
    public var aliases: [String: [String]]
    public var issues: [Issue]
    /// The issues as `segsync check` prints them (not encoded).
    public let renderedIssues: [String]

    enum CodingKeys: String, CodingKey {
        case ok, source, errors, warnings, segments, aliases, issues
    }

    public init(catalog: SegmentCatalog) {
        ok = !catalog.hasErrors
        source = catalog.source
        errors = catalog.issues.errors.count
        warnings = catalog.issues.warnings.count
        segments = catalog.names.compactMap { catalog.segment(named: $0) }.map { segment in
            let ignored: [String]? =
                switch segment.ignoredSuppression {
                case .none: nil
                case .all: catalog.suppressionNames
                case .only(let names): names
                }
            return Entry(
                name: segment.name, file: segment.file, rule: segment.rule.source, description: segment.description,
                suppression: segment.isSuppression, audience: segment.audience, ignoredSuppression: ignored)
        }
        aliases = catalog.aliases
        issues = catalog.issues.map {
            Issue(severity: $0.severity, id: $0.id.rawValue, file: $0.file, line: $0.line, column: $0.column,
                  message: $0.message, detail: $0.detail)
        }
        renderedIssues = catalog.issues.map(\.rendered)
    }

    /// A human-readable account: the issues, then one line per segment and a summary.
    public var text: String {
        var lines = renderedIssues
        if !lines.isEmpty { lines.append("") }
        for segment in segments {
            var kind = segment.suppression ? "suppression" : segment.audience.map { "audience \"\($0)\"" } ?? "segment"
            if let ignored = segment.ignoredSuppression, !ignored.isEmpty {
                kind += ", ignores \(ignored.joined(separator: ", "))"
            }
            lines.append("\(segment.name) (\(kind)): \(segment.rule)")
        }
        let audiences = segments.filter { $0.audience != nil }.count
        let suppression = segments.filter(\.suppression).count
        lines.append(
            "\(source): \(segments.count) segments (\(audiences) audiences, \(suppression) suppression), "
                + "\(aliases.count) aliases; \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s")")
        return lines.joined(separator: "\n")
    }
}
