/// A rule that cannot be compiled: a segment reference that leads nowhere or in a circle, or a rule too
/// large once its segments are inlined. The description names the segments.
public struct SQLCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// `in segment NAME` where no segment NAME exists.
        case unknownSegment(String, referencedBy: String)
        /// Segments that reference each other in a circle, first name repeated at the end.
        case segmentCycle([String])
        /// A chain of references longer than ``SQLCompiler/maximumSegmentDepth``.
        case segmentsTooDeep([String])
        /// More than ``SQLCompiler/maximumConditions`` conditions once segments are inlined.
        case tooLarge(rule: String, limit: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unknownSegment(let name, let referrer):
            "segment \"\(name)\" does not exist (referenced by \"\(referrer)\")"
        case .segmentCycle(let names):
            "segments refer to each other in a cycle: \(names.joined(separator: " -> "))"
        case .segmentsTooDeep(let names):
            "segment references nest more than \(SQLCompiler.maximumSegmentDepth) deep: "
                + names.joined(separator: " -> ")
        case .tooLarge(let rule, let limit):
            "rule \"\(rule)\" is too large: more than \(limit) conditions once its segments are inlined"
        }
    }
}
