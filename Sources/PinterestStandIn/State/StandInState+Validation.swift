import Foundation

/// The checks Pinterest makes on request bodies and listing parameters, answering 400 `{code: 1, message}`.
extension StandInState {
    /// The body as a JSON object.
    func objectBody(_ body: Data) throws -> [String: JSONValue] {
        guard let value = JSONValue.parse(body) else { throw StandInReplyError(.invalid("body is not JSON")) }
        guard let object = value.objectValue else {
            throw StandInReplyError(.invalid("body must be a JSON object, not \(value.typeName)"))
        }
        return object
    }

    /// Refuses keys the operation's schema does not name (stricter than Pinterest, which may ignore some).
    func rejectUnknownKeys(_ object: [String: JSONValue], allowed: Set<String>) throws {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw StandInReplyError(.invalid("Additional properties are not allowed ('\(unknown)' was unexpected)"))
        }
    }

    /// A required string property.
    func requiredString(_ object: [String: JSONValue], _ key: String) throws -> String {
        guard let value = object[key] else {
            throw StandInReplyError(.invalid("'\(key)' is a required property"))
        }
        guard let text = value.stringValue else {
            throw StandInReplyError(.invalid("'\(key)' must be a string, not \(value.typeName)"))
        }
        return text
    }

    /// An optional string property (absent or `null` gives `nil`).
    func optionalString(_ object: [String: JSONValue], _ key: String) throws -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let text = value.stringValue else {
            throw StandInReplyError(.invalid("'\(key)' must be a string, not \(value.typeName)"))
        }
        return text
    }

    /// Customer list records: split on commas, trimmed, empty entries dropped; at least one; emails lowercase.
    func parseRecords(_ text: String) throws -> [String] {
        let records = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard !records.isEmpty else { throw StandInReplyError(.invalid("'records' holds no record")) }
        if records.contains(where: { $0 != $0.lowercased() }) {
            throw StandInReplyError(.invalid("'records': emails must be lowercase, hashes lowercase hex"))
        }
        return records
    }

    /// One page of `items` (already in id order) under `page_size`, `bookmark` and `order`.
    func page(_ items: [(id: String, json: JSONValue)], query: [String: String]) throws -> StandInReply {
        var pageSize = 25
        if let text = query["page_size"] {
            guard let size = Int(text) else {
                throw StandInReplyError(.invalid("Parameter 'page_size' was not numeric (was \(text))"))
            }
            guard (1...250).contains(size) else {
                throw StandInReplyError(.invalid("'page_size' must be between 1 and 250"))
            }
            pageSize = size
        }
        pageSize = min(pageSize, configuration.maxPageSize)
        var ordered = items
        switch query["order"] {
        case nil, "ASCENDING": break
        case "DESCENDING": ordered.reverse()
        case let other?: throw StandInReplyError(.invalid("'order' must be ASCENDING or DESCENDING, not \(other)"))
        }
        var start = 0
        if let bookmark = query["bookmark"], !bookmark.isEmpty {
            guard let data = Data(base64Encoded: bookmark), let after = String(data: data, encoding: .utf8),
                after.hasPrefix("after:"), let index = ordered.firstIndex(where: { "after:\($0.id)" == after })
            else { throw StandInReplyError(.invalid("'bookmark' is not valid")) }
            start = index + 1
        }
        let slice = Array(ordered[min(start, ordered.count)..<min(start + pageSize, ordered.count)])
        var bookmark = JSONValue.null
        if let last = slice.last, start + pageSize < ordered.count {
            bookmark = .string(Data("after:\(last.id)".utf8).base64EncodedString())
        }
        return .ok(.object(["items": .array(slice.map(\.json)), "bookmark": bookmark]))
    }
}
