/// Every semantic diagnostic the language reports, as static members sorted by name. The only place
/// their words are written.
extension RuleDiagnostic {
    /// `true and false can only be compared with = or !=`
    static func booleanOrdering(range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "boolean-ordering"), severity: .error,
            message: "true and false can only be compared with = or !=", label: "this comparison is never true",
            range: range)
    }

    /// `"count of Refunded < 0" is never true: a count is a whole number of 0 or more`
    static func constantCount(_ text: String, isAlwaysTrue: Bool, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "constant-count"), severity: .warning,
            message: "\"\(text)\" is \(isAlwaysTrue ? "always" : "never") true: a count is a whole number of 0 or more",
            label: isAlwaysTrue ? "true for everyone" : "true for no one", range: range)
    }

    /// `"between 24h and 6h ago" is empty: the first duration must be the shorter one`
    static func emptyBetween(_ text: String, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "empty-between"), severity: .error,
            message: "\"\(text)\" is empty: the first duration must be the shorter one",
            label: "write the shorter duration first, as in between 6h and 24h ago", range: range)
    }

    /// `"in last 0m" holds no time, so no event falls in it`
    static func emptyWindow(_ text: String, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "empty-window"), severity: .warning,
            message: "\"\(text)\" holds no time, so no event falls in it", label: "use a duration above 0", range: range
        )
    }

    /// `"Purchased" stands for no event names in the aliases`
    static func emptyAlias(_ name: String, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "empty-alias"), severity: .warning,
            message: "\"\(name)\" stands for no event names in the aliases", label: "matches no event", range: range)
    }

    /// `segment "vip" refers to itself`
    static func selfReference(_ name: String, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "self-reference"), severity: .error, message: "segment \"\(name)\" refers to itself",
            label: "a segment cannot contain itself", range: range)
    }

    /// `unknown attribute "ltvv"; did you mean "ltv"?`
    static func unknownAttribute(_ name: String, suggestions: [String], range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "unknown-attribute"), severity: .warning,
            message: "unknown attribute \"\(name)\"\(Suggestions.didYouMean(suggestions))", label: "no person has this attribute",
            range: range)
    }

    /// `unknown event "Purchsed"; did you mean "Purchased"?`
    static func unknownEvent(_ name: String, suggestions: [String], range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "unknown-event"), severity: .warning,
            message: "unknown event \"\(name)\"\(Suggestions.didYouMean(suggestions))", label: "the store has no such event yet",
            range: range)
    }

    /// `unknown event or attribute "Purchsed", read as an attribute; did you mean "Purchased"?`
    static func unknownEventOrAttribute(_ name: String, suggestions: [String], range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "unknown-event-or-attribute"), severity: .warning,
            message: "unknown event or attribute \"\(name)\", read as an attribute\(Suggestions.didYouMean(suggestions))",
            label: "quote an event name to read it as an event", range: range)
    }

    /// `no event that "Refunded" stands for has been seen yet (Refunded, Order Refunded)`
    static func unseenAlias(_ name: String, names: [String], range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "unseen-alias"), severity: .warning,
            message: "no event that \"\(name)\" stands for has been seen yet (\(names.joined(separator: ", ")))",
            label: "the store has none of these events yet", range: range)
    }

    /// `"within 0m" leaves no time for the following event`
    static func zeroSequenceWindow(_ text: String, range: SourceRange) -> RuleDiagnostic {
        RuleDiagnostic(
            id: ID(rawValue: "zero-sequence-window"), severity: .warning,
            message: "\"\(text)\" leaves no time for the following event", label: "use a duration above 0",
            range: range)
    }
}
