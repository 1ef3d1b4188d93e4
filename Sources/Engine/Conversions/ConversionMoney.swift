import Foundation

/// Money as the spec takes it: a decimal number in a string (`"72.39"`), which Pinterest parses into a double.
///
/// ```swift
/// ConversionMoney.text(72.39)    // "72.39"
/// ConversionMoney.text(116.0)    // "116"
/// ConversionMoney.text(1e-7)     // "0.0000001": never exponent notation
/// ```
enum ConversionMoney {
    /// The shortest decimal text that reads back as `value`, without an exponent; `nil` for infinity and NaN.
    static func text(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = "\(value)"
        if !shortest.contains("e") { return shortest }
        var fixed = String(format: "%.12f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }

    /// A price or value as written in the properties: a number keeps its text (unless written with an exponent),
    /// a string is kept when it holds a decimal number; `nil` otherwise.
    static func text(of json: ConversionJSON) -> String? {
        switch json {
        case .number(let written):
            guard let value = Double(written), value.isFinite else { return nil }
            return written.contains(where: { $0 == "e" || $0 == "E" }) ? text(value) : written
        case .string(let written):
            let trimmed = written.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite else { return nil }
            let plain = trimmed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
            return plain ? trimmed : text(value)
        default:
            return nil
        }
    }
}
