import Foundation

/// Printing for commands: JSON on stdout, progress and notes on stderr.
enum Output {
    /// Prints one JSON object on standard output, keys sorted, no escaped slashes.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints a line on standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// A progress callback that rewrites one line on a terminal, or nil when stderr is not one.
    static func progress() -> (@Sendable (String) -> Void)? {
        guard stderrIsTerminal else { return nil }
        return { line in FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
    }

    static func endProgress() {
        if stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
