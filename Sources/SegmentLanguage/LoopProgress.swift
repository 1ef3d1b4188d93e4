/// Proves that a parser loop moves forward, after swift-syntax's `LoopProgressCondition`.
///
/// Call ``advanced(to:)`` in the loop condition with the parser's token position: it answers `false`,
/// ending the loop, and traps in debug builds, when an iteration consumed nothing.
struct LoopProgress {
    private var lastPosition: Int?

    mutating func advanced(to position: Int) -> Bool {
        defer { lastPosition = position }
        if let lastPosition, position <= lastPosition {
            assertionFailure("parser loop made no progress at token \(position)")
            return false
        }
        return true
    }
}
