import SegmentLanguage

/// A segment or rule that cannot be evaluated, with what and where.
public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The segment files have errors; the catalog must be fixed first.
        case catalogHasErrors(source: String, errors: Int)
        /// No segment of that name.
        case unknownSegment(String, suggestions: [String])
        /// The rule's semantic checks found errors (the rule is named, the first message given).
        case invalidRule(rule: String, message: String)
        /// The rule cannot be compiled (missing referenced segment, cycle, too large).
        case compile(SQLCompileError)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .catalogHasErrors(let source, let errors):
            "the segment files in \(source) have \(errors) error\(errors == 1 ? "" : "s"); "
                + "run segsync check to see them"
        case .unknownSegment(let name, let suggestions):
            "no segment \"\(name)\"" + Suggestions.didYouMean(suggestions)
        case .invalidRule(let rule, let message):
            "rule \(rule) cannot be evaluated: \(message)"
        case .compile(let error):
            error.description
        }
    }
}
