/// A small JSON tree for the `properties` and `context` texts of stored events, read fast and leniently.
///
/// The store holds these texts as ingest validated them, so the reader does not re-validate: it builds the tree
/// in one pass and answers `nil` for anything it cannot read. Numbers keep their text as written, so that a
/// price of `14.99` is sent as `"14.99"`, never as a binary fraction printed back.
///
/// ```swift
/// let properties = ConversionJSON(parsing: #"{"price": 14.99, "product_id": "sku-1"}"#)
/// properties["price"]?.text        // "14.99"
/// properties["product_id"]?.text   // "sku-1"
/// ```
enum ConversionJSON: Sendable, Equatable {
    case object([(key: String, value: ConversionJSON)])
    case array([ConversionJSON])
    case string(String)
    /// A number, as written.
    case number(String)
    case bool(Bool)
    case null

    /// Parses `text`; `.null` when it is not JSON.
    init(parsing text: String) {
        var text = text
        self = text.withUTF8 { bytes in
            var reader = Reader(bytes: bytes)
            return reader.value(depth: 0) ?? .null
        }
    }

    /// The member `key` of an object (the last one when repeated), `nil` otherwise.
    subscript(key: String) -> ConversionJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// A string's text or a number's text as written; `nil` for everything else, empty strings included.
    var text: String? {
        switch self {
        case .string(let value): value.isEmpty ? nil : value
        case .number(let value): value
        default: nil
        }
    }

    /// A number, or a string that holds one (`"14.99"`).
    var double: Double? {
        switch self {
        case .number(let value), .string(let value): Double(value).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// A boolean, `nil` for anything else.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An array's elements, `nil` for anything else.
    var elements: [ConversionJSON]? {
        if case .array(let values) = self { return values }
        return nil
    }

    static func == (lhs: ConversionJSON, rhs: ConversionJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let left), .array(let right)): left == right
        case (.string(let left), .string(let right)), (.number(let left), .number(let right)): left == right
        case (.bool(let left), .bool(let right)): left == right
        case (.null, .null): true
        default: false
        }
    }

    /// One pass over UTF-8 bytes; every function returns `nil` on input it cannot read.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func value(depth: Int) -> ConversionJSON? {
            skipWhitespace()
            guard index < bytes.count, depth < 64 else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(ConversionJSON.string)
            case UInt8(ascii: "t"): return word("true", .bool(true))
            case UInt8(ascii: "f"): return word("false", .bool(false))
            case UInt8(ascii: "n"): return word("null", .null)
            default: return number()
            }
        }

        private mutating func object(depth: Int) -> ConversionJSON? {
            index += 1
            var members: [(key: String, value: ConversionJSON)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value(depth: depth + 1) else { return nil }
                members.append((key, member))
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                switch bytes[index - 1] {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "}"): return .object(members)
                default: return nil
                }
            }
        }

        private mutating func array(depth: Int) -> ConversionJSON? {
            index += 1
            var values: [ConversionJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(values)
            }
            while true {
                guard let element = value(depth: depth + 1) else { return nil }
                values.append(element)
                skipWhitespace()
                guard index < bytes.count else { return nil }
                index += 1
                switch bytes[index - 1] {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return .array(values)
                default: return nil
                }
            }
        }

        /// A string starting at its opening quote; escapes decoded.
        private mutating func string() -> String? {
            index += 1
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index = start
                    return escapedString()
                default:
                    index += 1
                }
            }
            return nil
        }

        private mutating func escapedString() -> String? {
            var scalars = String.UnicodeScalarView()
            var utf8: [UInt8] = []
            func flush() {
                if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars) }
                utf8.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    flush()
                    return String(scalars)
                }
                guard byte == UInt8(ascii: "\\") else {
                    utf8.append(byte)
                    continue
                }
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"):
                    flush()
                    guard var code = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: utf8.append(escape)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                code = code << 4 | UInt32(digit)
            }
            return code
        }

        private mutating func number() -> ConversionJSON? {
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                    UInt8(ascii: "e"), UInt8(ascii: "E"):
                    index += 1
                default:
                    return number(from: start)
                }
            }
            return number(from: start)
        }

        private func number(from start: Int) -> ConversionJSON? {
            guard index > start else { return nil }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }

        private mutating func word(_ text: StaticString, _ result: ConversionJSON) -> ConversionJSON? {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return nil }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return nil }
            index += count
            return result
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }
    }
}
