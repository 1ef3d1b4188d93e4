/// A span of rule text, as UTF-8 byte offsets into the rule's source.
///
/// Positions stay offsets everywhere in the language; line and column are computed only when a
/// diagnostic is rendered (see ``DiagnosticRenderer``).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The offset of the first byte of the span.
    public var lowerBound: Int
    /// The offset just past the last byte of the span.
    public var upperBound: Int

    /// Creates a span from `lowerBound` up to, not including, `upperBound`.
    public init(_ lowerBound: Int, _ upperBound: Int) {
        precondition(lowerBound <= upperBound, "a source range must not be reversed")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// The empty range at offset 0, used by ``Condition/normalizingRanges()`` and by conditions
    /// that were built in code rather than parsed.
    public static let none = SourceRange(0, 0)

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    public var description: String { "\(lowerBound)..<\(upperBound)" }
}
