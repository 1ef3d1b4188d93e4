import Foundation

/// A JSON value with its exact type kept (integer, number, boolean...), for checking request bodies the way a
/// schema does and for building answers.
enum JSONValue: Sendable, Hashable, Encodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses `data`, or `nil` when it is not JSON.
    ///
    /// Uses `JSONSerialization` (fast) and tells booleans, integers and other numbers apart by the `NSNumber`
    /// type it produces.
    static func parse(_ data: Data) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        return JSONValue(foundation: object)
    }

    /// Converts `JSONSerialization`'s output. Containers and strings are tested first: casting a Swift dictionary
    /// or array to `NSNumber` or `NSNull` would bridge the whole container to Foundation first (slow on Linux).
    private init?(foundation value: Any) {
        if let dictionary = value as? [String: Any] {
            var fields: [String: JSONValue] = [:]
            fields.reserveCapacity(dictionary.count)
            for (key, item) in dictionary {
                guard let converted = JSONValue(foundation: item) else { return nil }
                fields[key] = converted
            }
            self = .object(fields)
        } else if let array = value as? [Any] {
            var items: [JSONValue] = []
            items.reserveCapacity(array.count)
            for item in array {
                guard let converted = JSONValue(foundation: item) else { return nil }
                items.append(converted)
            }
            self = .array(items)
        } else if let text = value as? String {
            self = .string(text)
        } else if let number = value as? NSNumber {
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .number(number.doubleValue)
            default: self = .integer(number.int64Value)
            }
        } else if value is NSNull {
            self = .null
        } else {
            return nil
        }
    }

    /// The serialised value, keys sorted.
    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The schema type name, for error messages: `string`, `integer`, `object`...
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// A JSON string, or `.null` for `nil`.
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
