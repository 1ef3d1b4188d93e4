import SegmentLanguage

/// Every issue the segment files can have, as static members sorted by name: the only place their words
/// are written.
extension SegmentIssue {
    /// `alias "Purchased" lists no event names; it matches no event`
    static func aliasEmpty(_ file: String, _ name: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "alias-empty"), severity: .warning, file: file, line: mark?.line, column: mark?.column,
            message: "alias \"\(name)\" lists no event names; it matches no event")
    }

    /// `alias "Purchased" must be a list of event names, such as [Order Completed, Purchase]`
    static func aliasNotAList(_ file: String, _ name: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "alias-not-a-list"), severity: .error, file: file, line: mark?.line,
            column: mark?.column,
            message: "alias \"\(name)\" must be a list of event names, such as [Order Completed, Purchase]")
    }

    /// `the aliases file must be a map from a name to the event names it stands for`
    static func aliasesNotAMap(_ file: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "aliases-not-a-map"), severity: .error, file: file, line: mark?.line,
            column: mark?.column,
            message: "the aliases file must be a map from a name to the event names it stands for, "
                + "such as Purchased: [Order Completed, Purchase]")
    }

    /// `two segments send to the Pinterest audience "VIPs" (also segments/vip.yml)`
    static func duplicateAudience(_ file: String, _ audience: String, other: String, at mark: FileMark?)
        -> SegmentIssue
    {
        SegmentIssue(
            id: ID(rawValue: "duplicate-audience"), severity: .error, file: file, line: mark?.line,
            column: mark?.column,
            message: "two segments send to the Pinterest audience \"\(audience)\" (also \(other))")
    }

    /// `a suppression segment is never suppressed; ignore_suppression has no effect here`
    static func ignoredSuppressionOnSuppression(_ file: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "ignore-suppression-unused"), severity: .warning, file: file, line: mark?.line,
            column: mark?.column,
            message: "a suppression segment is never suppressed; ignore_suppression has no effect here")
    }

    /// `ignore_suppression names "vip", which is not a suppression segment`
    static func ignoredNotSuppression(_ file: String, _ name: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "ignore-suppression-not-suppression"), severity: .error, file: file, line: mark?.line,
            column: mark?.column, message: "ignore_suppression names \"\(name)\", which is not a suppression segment")
    }

    /// `ignore_suppression names "refundd", which does not exist; did you mean "refunded"?`
    static func ignoredUnknown(_ file: String, _ name: String, suggestions: [String], at mark: FileMark?)
        -> SegmentIssue
    {
        SegmentIssue(
            id: ID(rawValue: "ignore-suppression-unknown"), severity: .error, file: file, line: mark?.line,
            column: mark?.column,
            message: "ignore_suppression names \"\(name)\", which does not exist\(Suggestions.didYouMean(suggestions))")
    }

    /// `ignored: segment files end in .yml`
    static func ignoredFile(_ file: String) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "ignored-file"), severity: .warning, file: file,
            message: "ignored: segment files end in .yml")
    }

    /// `segment "x" has no rule`
    static func missingRule(_ file: String, _ name: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "missing-rule"), severity: .error, file: file, line: mark?.line, column: mark?.column,
            message: "segment \"\(name)\" has no rule: add one such as rule: Purchased in last 14d")
    }

    /// `the segments directory segments does not exist`
    static func missingDirectory(_ directory: String) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "missing-directory"), severity: .error, file: directory,
            message: "the segments directory does not exist or cannot be read")
    }

    /// `a segment file must be a map of keys such as rule: and description:`
    static func notAMap(_ file: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "not-a-map"), severity: .error, file: file, line: mark?.line, column: mark?.column,
            message: "a segment file must be a map of keys such as rule:, description: and pinterest:")
    }

    /// `segments refer to each other in a cycle: a -> b -> a`
    static func referenceCycle(_ file: String, _ names: [String], at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "reference-cycle"), severity: .error, file: file, line: mark?.line,
            message: "segments refer to each other in a cycle: \(names.joined(separator: " -> "))")
    }

    /// A semantic diagnostic of a rule (unknown event, empty window...), with the caret.
    static func ruleDiagnostic(_ file: String, _ diagnostic: RuleDiagnostic, rule: Rule, at mark: FileMark?)
        -> SegmentIssue
    {
        let severity: Severity = diagnostic.severity == .error ? .error : .warning
        let location = mark?.locate(RuleLocation(of: diagnostic.range.lowerBound, in: rule.source))
        return SegmentIssue(
            id: ID(rawValue: diagnostic.id.rawValue), severity: severity, file: file, line: location?.line,
            column: location?.column, message: diagnostic.message,
            detail: diagnostic.rendered(source: rule.source, name: rule.name))
    }

    /// A rule that does not parse, with the caret.
    static func ruleSyntax(_ file: String, _ error: RuleSyntaxError, at mark: FileMark?) -> SegmentIssue {
        let location = mark?.locate(error.location)
        return SegmentIssue(
            id: ID(rawValue: "rule-syntax"), severity: .error, file: file, line: location?.line,
            column: location?.column, message: "the rule does not parse: \(error.message)", detail: error.rendered())
    }

    /// `the file cannot be read`
    static func unreadable(_ file: String) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "unreadable"), severity: .error, file: file,
            message: "the file cannot be read as UTF-8 text")
    }

    /// `unknown key "rul"; did you mean "rule"?`
    static func unknownKey(_ file: String, _ key: String, allowed: [String], at mark: FileMark?) -> SegmentIssue {
        let suggestions = Suggestions.closest(to: key, among: allowed)
        let hint = suggestions.isEmpty ? " (known keys: \(allowed.joined(separator: ", ")))" : Suggestions.didYouMean(suggestions)
        return SegmentIssue(
            id: ID(rawValue: "unknown-key"), severity: .error, file: file, line: mark?.line, column: mark?.column,
            message: "unknown key \"\(key)\"\(hint)")
    }

    /// `segment "vipp" does not exist (referenced by "x"); did you mean "vip"?`
    static func unknownSegment(
        _ file: String, _ name: String, referrer: String, suggestions: [String], at mark: FileMark?
    ) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "unknown-segment"), severity: .error, file: file, line: mark?.line,
            message: "segment \"\(name)\" does not exist (referenced by \"\(referrer)\")\(Suggestions.didYouMean(suggestions))")
    }

    /// `"suppression" must be true or false`
    static func wrongType(_ file: String, key: String, expected: String, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "wrong-type"), severity: .error, file: file, line: mark?.line, column: mark?.column,
            message: "\"\(key)\" must be \(expected)")
    }

    /// The file is not valid YAML, with the problem libyaml reports.
    static func yamlSyntax(_ file: String, problem: String, hint: String?, at mark: FileMark?) -> SegmentIssue {
        SegmentIssue(
            id: ID(rawValue: "yaml-syntax"), severity: .error, file: file, line: mark?.line, column: mark?.column,
            message: "the file is not valid YAML: \(problem)" + (hint.map { "; \($0)" } ?? ""))
    }
}
