extension JSONScanner {
    /// Calls `body` with each member of an already validated object, in order.
    func forEachMember(of object: Value, _ body: (String, Value) -> Void) {
        var scanner = JSONScanner(bytes, from: object.range.lowerBound + 1)
        while true {
            scanner.skipWhitespace()
            guard scanner.index < object.range.upperBound - 1, bytes[scanner.index] == 0x22 else { return }
            guard let keyValue = try? scanner.scanValue() else { return }
            let key = string(keyValue) ?? ""
            scanner.skipWhitespace()
            scanner.index += 1  // ':'
            guard let value = try? scanner.scanValue() else { return }
            body(key, value)
            scanner.skipWhitespace()
            if scanner.index < bytes.count, bytes[scanner.index] == 0x2C { scanner.index += 1 }
        }
    }

    /// The elements of an already validated array.
    func elements(of array: Value) -> [Value] {
        var result: [Value] = []
        var scanner = JSONScanner(bytes, from: array.range.lowerBound + 1)
        while true {
            scanner.skipWhitespace()
            guard scanner.index < array.range.upperBound - 1, let value = try? scanner.scanValue() else { return result }
            result.append(value)
            scanner.skipWhitespace()
            if scanner.index < bytes.count, bytes[scanner.index] == 0x2C { scanner.index += 1 }
        }
    }

    /// The raw JSON text of a value.
    func text(_ value: Value) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[value.range]), as: UTF8.self)
    }

    /// The decoded content of a string value; nil for any other kind.
    func string(_ value: Value) -> String? {
        guard value.kind == .string else { return nil }
        let inner = (value.range.lowerBound + 1)..<(value.range.upperBound - 1)
        var hasEscape = false
        for offset in inner where bytes[offset] == 0x5C {
            hasEscape = true
            break
        }
        if !hasEscape { return String(decoding: UnsafeBufferPointer(rebasing: bytes[inner]), as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var offset = inner.lowerBound
        func flush() {
            if !utf8.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
        }
        while offset < inner.upperBound {
            let byte = bytes[offset]
            guard byte == 0x5C else { utf8.append(byte); offset += 1; continue }
            flush()
            let escape = bytes[offset + 1]
            offset += 2
            switch escape {
            case 0x62: scalars.append("\u{08}")
            case 0x66: scalars.append("\u{0C}")
            case 0x6E: scalars.append("\n")
            case 0x72: scalars.append("\r")
            case 0x74: scalars.append("\t")
            case 0x75:
                var code = hex4(at: offset)
                offset += 4
                if (0xD800..<0xDC00).contains(code), offset + 5 < inner.upperBound, bytes[offset] == 0x5C,
                    bytes[offset + 1] == 0x75
                {
                    let low = hex4(at: offset + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        offset += 6
                    }
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        flush()
        return String(scalars)
    }

    private func hex4(at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { ($0 << 4) | (Self.hexValue(bytes[offset + $1]) ?? 0) }
    }

    /// The number a number value holds.
    func number(_ value: Value) -> Double? {
        guard value.kind == .number else { return nil }
        return Double(Substring(text(value)))
    }

    /// The bytes of a value, for comparisons without decoding.
    func slice(_ value: Value) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[value.range])
    }
}
