import SegmentLanguage

/// What to evaluate: a segment of the catalog by name, or a bare rule.
public enum EvaluationTarget: Sendable, Equatable {
    /// A segment file's rule, with the suppression segments that apply to it.
    case segment(String)
    /// A rule written elsewhere (a preview's argument), with every suppression segment.
    case rule(ResolvedRule)

    /// The segment's name; nil for a bare rule.
    public var segmentName: String? {
        if case .segment(let name) = self { return name }
        return nil
    }
}

extension Array where Element == SegmentLanguage.SQLValue {
    /// The compiled query's bindings as the store binds them.
    var storeValues: [StoreValue] {
        map { value in
            switch value {
            case .integer(let number): .integer(number)
            case .real(let number): .real(number)
            case .text(let text): .text(text)
            case .null: .null
            }
        }
    }
}
