/// Splits a byte source into lines without holding more than one chunk and one line in memory.
///
/// A line longer than ``maximumLineLength`` is handed over truncated, flagged, so that it is kept
/// as a rejection rather than exhausting memory.
final class LineReader {
    static let maximumLineLength = 16 << 20

    private let source: ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var carry: [UInt8] = []
    private var carryTooLong = false
    private var finished = false
    /// The number of the line last returned (1-based).
    private(set) var lineNumber = 0

    init(source: ByteSource, chunkSize: Int = 1 << 20) {
        self.source = source
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Calls `body` with each line (without its `\n` or `\r\n`) and whether it was cut at the limit.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int, Bool) throws -> Void) throws {
        while true {
            if start == end {
                if finished { break }
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 {
                    finished = true
                    if !carry.isEmpty || carryTooLong {
                        lineNumber += 1
                        try emit(carry[...], tooLong: carryTooLong, body)
                        carry.removeAll()
                        carryTooLong = false
                    }
                    break
                }
                start = 0
                end = count
            }
            let newline = buffer.withUnsafeBufferPointer { pointer -> Int? in
                var index = start
                while index < end {
                    if pointer[index] == 0x0A { return index }
                    index += 1
                }
                return nil
            }
            guard let newline else {
                appendToCarry(start..<end)
                start = end
                continue
            }
            lineNumber += 1
            if carry.isEmpty && !carryTooLong {
                try emit(buffer[start..<newline], tooLong: false, body)
            } else {
                appendToCarry(start..<newline)
                try emit(carry[...], tooLong: carryTooLong, body)
                carry.removeAll(keepingCapacity: carry.count < (4 << 20))
                carryTooLong = false
            }
            start = newline + 1
        }
    }

    private func appendToCarry(_ range: Range<Int>) {
        let room = Self.maximumLineLength - carry.count
        if range.count > room {
            carry.append(contentsOf: buffer[range.lowerBound..<(range.lowerBound + max(0, room))])
            carryTooLong = true
        } else {
            carry.append(contentsOf: buffer[range])
        }
    }

    private func emit(_ line: ArraySlice<UInt8>, tooLong: Bool,
                      _ body: (UnsafeBufferPointer<UInt8>, Int, Bool) throws -> Void) throws {
        var trimmed = line
        if trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
        try trimmed.withUnsafeBufferPointer { try body($0, lineNumber, tooLong) }
    }
}
