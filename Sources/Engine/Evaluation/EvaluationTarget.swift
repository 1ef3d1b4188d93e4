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
