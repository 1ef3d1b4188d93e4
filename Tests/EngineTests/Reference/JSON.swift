@testable import SegmentLanguage

/// A JSON value for fixtures: serialised for the store, and read directly by the reference evaluator.
indirect enum JSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.text == rhs.text }

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): JSON.quote(value)
        case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { JSON.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The value at a property path: digit components index arrays, others are object keys.
    func at(_ components: some Collection<String>) -> JSON? {
        guard let first = components.first else { return self }
        let rest = components.dropFirst()
        switch self {
        case .array(let values) where first.allSatisfy(\.isASCIIDigit):
            guard let index = Int(first), index < values.count else { return nil }
            return values[index].at(rest)
        case .object(let members):
            return members.last { $0.0 == first }?.1.at(rest)
        default:
            return nil
        }
    }

    /// A number, or a string that is entirely a decimal number.
    var numeric: Double? {
        switch self {
        case .number(let value): value
        case .string(let text): decimalNumber(text)
        default: nil
        }
    }

    var string: String? { if case .string(let text) = self { text } else { nil } }

    /// An ISO-8601 string or Unix seconds, as milliseconds.
    var instant: Int64? {
        switch self {
        case .number(let value): Int64((value * 1000).rounded(.down))
        case .string(let text): ISO8601.parse(text.utf8)
        default: nil
        }
    }
}

/// A decimal number written entirely as one: `300`, `-1.5`, `1e3`; not `inf`, `0x1`, ` 3`. The reference's
/// own reading of "a numeric string counts as its number".
func decimalNumber(_ text: String) -> Double? {
    guard !text.isEmpty, text.allSatisfy({ "0123456789+-.eE".contains($0) }), let number = Double(text),
        number.isFinite
    else { return nil }
    return number
}
