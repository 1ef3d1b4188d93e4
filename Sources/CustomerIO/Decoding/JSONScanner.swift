/// A validating, allocation-light scanner over one JSON text in UTF-8 (RFC 8259).
///
/// It never builds a tree: ``scanValue()`` validates a value and returns its kind and byte range,
/// ``forEachMember(of:_:)`` walks an object's keys with their value ranges. The decoder keeps the raw text
/// of `properties` and `context` as they came, so they are stored without re-encoding.
struct JSONScanner {
    enum Kind: Equatable {
        case object, array, string, number, bool, null
    }

    struct Value {
        var kind: Kind
        var range: Range<Int>
    }

    struct Failure: Error {
        var offset: Int
        var expected: String
    }

    /// The deepest nesting accepted, so hostile input cannot exhaust the stack.
    static let maximumDepth = 128

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        self.bytes = bytes
        self.index = start
    }

    /// Validates the whole buffer as exactly one JSON value (white space around it allowed).
    static func validateDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Value {
        var scanner = JSONScanner(bytes)
        let value = try scanner.scanValue()
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw Failure(offset: scanner.index, expected: "end of the line") }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Scans and validates one value starting at the current position.
    mutating func scanValue(depth: Int = 0) throws(Failure) -> Value {
        skipWhitespace()
        guard index < bytes.count else { throw Failure(offset: index, expected: "a value") }
        guard depth < Self.maximumDepth else { throw Failure(offset: index, expected: "less deeply nested JSON") }
        let start = index
        switch bytes[index] {
        case 0x7B:  // {
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D { index += 1; return Value(kind: .object, range: start..<index) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22 else { throw Failure(offset: index, expected: "a key") }
                try scanString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else { throw Failure(offset: index, expected: "':'") }
                index += 1
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw Failure(offset: index, expected: "',' or '}'") }
                if bytes[index] == 0x2C { index += 1; continue }
                if bytes[index] == 0x7D { index += 1; return Value(kind: .object, range: start..<index) }
                throw Failure(offset: index, expected: "',' or '}'")
            }
        case 0x5B:  // [
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D { index += 1; return Value(kind: .array, range: start..<index) }
            while true {
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw Failure(offset: index, expected: "',' or ']'") }
                if bytes[index] == 0x2C { index += 1; continue }
                if bytes[index] == 0x5D { index += 1; return Value(kind: .array, range: start..<index) }
                throw Failure(offset: index, expected: "',' or ']'")
            }
        case 0x22:
            try scanString()
            return Value(kind: .string, range: start..<index)
        case 0x74:
            try literal("true")
            return Value(kind: .bool, range: start..<index)
        case 0x66:
            try literal("false")
            return Value(kind: .bool, range: start..<index)
        case 0x6E:
            try literal("null")
            return Value(kind: .null, range: start..<index)
        default:
            try scanNumber()
            return Value(kind: .number, range: start..<index)
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Failure(offset: index, expected: "a value") }
        let pointer = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] {
            throw Failure(offset: index, expected: "a value")
        }
        index += count
    }

    private mutating func scanString() throws(Failure) {
        index += 1  // opening quote
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 { index += 1; return }
            if byte < 0x20 { throw Failure(offset: index, expected: "an escaped control character") }
            if byte == 0x5C {
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: index += 1
                case 0x75:
                    guard index + 4 < bytes.count, (1...4).allSatisfy({ Self.hexValue(bytes[index + $0]) != nil }) else {
                        throw Failure(offset: index, expected: "four hex digits after \\u")
                    }
                    index += 5
                default: throw Failure(offset: index, expected: "a valid escape")
                }
                continue
            }
            index += 1
        }
        throw Failure(offset: index, expected: "the closing quote of a string")
    }

    private mutating func scanNumber() throws(Failure) {
        let start = index
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw Failure(offset: start, expected: "a value") }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw Failure(offset: index, expected: "a digit") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw Failure(offset: index, expected: "a digit") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}
