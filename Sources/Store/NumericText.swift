/// Numbers written as text, the way rules compare them (`"300"` counts as 300).
public enum NumericText {
    /// The number a text holds when it is entirely a decimal number, else nil.
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// The number UTF-8 bytes hold when they are entirely a decimal number, else nil.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == 0x2D || bytes[index] == 0x2B { index += 1 }
        var digits = 0
        while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
        if index < count, bytes[index] == 0x2E {
            index += 1
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if index < count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < count, bytes[index] == 0x2D || bytes[index] == 0x2B { index += 1 }
            var exponentDigits = 0
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == count else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Unix seconds as milliseconds, when in a sane range (years 0 to 9999).
    public static func millis(fromSeconds seconds: Double) -> Int64? {
        guard seconds.isFinite, seconds > -62_167_219_200, seconds < 253_402_300_800 else { return nil }
        return Int64((seconds * 1000).rounded(.down))
    }
}
