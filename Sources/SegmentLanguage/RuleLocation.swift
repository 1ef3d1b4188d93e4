/// A 1-based line and column in rule text, computed from a UTF-8 offset when a diagnostic is rendered.
public struct RuleLocation: Equatable, Sendable {
    /// The line number, from 1.
    public var line: Int
    /// The column in characters, from 1.
    public var column: Int
    /// The text of the line, without its line break.
    public var lineText: String
    /// The characters of the line before the column (used to place a caret under tabs correctly).
    var textBeforeColumn: String

    /// The location of the UTF-8 `offset` in `source`; offsets past the end clamp to the end.
    public init(of offset: Int, in source: String) {
        let bytes = Array(source.utf8)
        let offset = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = offset
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let before = String(decoding: bytes[lineStart..<max(lineStart, min(offset, lineEnd))], as: UTF8.self)
        self.line = line
        self.column = before.count + 1
        self.lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        self.textBeforeColumn = before
    }
}
