import SegmentLanguage
import CustomerIO
import Foundation
import Store

/// A directory under the system's temporary folder, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let url: URL

    public init(_ name: String = "segsync-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to a file in the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A fresh store in its own temporary directory, with the real migrations applied.
public struct TestStore {
    public let directory = TemporaryDirectory("segsync-store")
    public let store: Store

    public init() throws {
        store = try Store.open(path: directory.path("test.sqlite"))
    }

    /// Decodes `lines` as an NDJSON file would be, and stores them.
    @discardableResult
    public func ingest(_ lines: String..., source: String = "test.ndjson") throws -> IngestCounts {
        try ingest(lines: lines, source: source)
    }

    @discardableResult
    public func ingest(lines: [String], source: String = "test.ndjson") throws -> IngestCounts {
        let decoder = MessageDecoder(source: source)
        var items: [IngestItem] = []
        for (offset, line) in lines.enumerated() {
            items += decoder.decode(line, line: offset + 1)
        }
        return try store.ingest(items)
    }

    /// Runs a query returning one text column, on a connection of its own (``StoreFileReader``): it sees what
    /// the store committed.
    public func strings(_ sql: String, _ values: [SQLValue] = []) throws -> [String] {
        try StoreFileReader(path: store.path).strings(sql, values)
    }

    /// Runs a query returning one integer, on a connection of its own (``StoreFileReader``).
    public func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try StoreFileReader(path: store.path).count(sql, values)
    }
}

/// The shared fixtures of the test targets.
public enum Fixtures {
    /// The folder holding this file's fixtures.
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// The bodies of the 18 requests the official Customer.io Python client sent (see the fixture README
    /// in ../shared/fixtures): nine with a Basic key, nine with a `pk_us_` Bearer key and gzip.
    public static func officialClientRequests() throws -> [(headers: [String: String], body: String)] {
        let text = try String(contentsOf: directory.appendingPathComponent("customerio-client-requests.ndjson"),
                              encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let body = try JSONSerialization.data(withJSONObject: object["body"] ?? [:])
            return (object["headers"] as? [String: String] ?? [:], String(decoding: body, as: UTF8.self))
        }
    }
}

/// Messages shaped exactly as the official Python client sends them.
public enum Message {
    /// `2026-11-20T14:30:05.123+00:00` for an offset in seconds from 2026-11-20T12:00:00Z.
    public static func time(_ seconds: Double) -> String {
        let millis = base + Int64(seconds * 1000)
        var text = Timestamp.format(millis)
        text.removeLast()
        if !text.contains(".") { text += ".000" }
        return text + "+00:00"
    }

    /// 2026-11-20T12:00:00Z in milliseconds.
    public static let base: Int64 = 1_795_176_000_000

    public static func track(
        _ event: String, user: String? = nil, anonymous: String? = nil, at seconds: Double = 0,
        id: String = UUID().uuidString, properties: String = "{}"
    ) -> String {
        "{\"integrations\": {}, \"anonymousId\": \(quoted(anonymous)), \"properties\": \(properties), "
            + "\"timestamp\": \"\(time(seconds))\", \"context\": {\"library\": {\"name\": \"analytics-python\", "
            + "\"version\": \"1.1.0\"}}, \"userId\": \(quoted(user)), \"type\": \"track\", \"event\": \(quoted(event)), "
            + "\"messageId\": \"\(id)\"}"
    }

    public static func identify(
        user: String? = nil, anonymous: String? = nil, at seconds: Double = 0, id: String = UUID().uuidString,
        traits: String
    ) -> String {
        "{\"integrations\": {}, \"anonymousId\": \(quoted(anonymous)), \"timestamp\": \"\(time(seconds))\", "
            + "\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}}, "
            + "\"type\": \"identify\", \"userId\": \(quoted(user)), \"traits\": \(traits), \"messageId\": \"\(id)\"}"
    }

    public static func alias(previous: String, user: String, at seconds: Double = 0, id: String = UUID().uuidString)
        -> String
    {
        "{\"integrations\": {}, \"previousId\": \"\(previous)\", \"timestamp\": \"\(time(seconds))\", "
            + "\"type\": \"alias\", \"userId\": \"\(user)\", \"messageId\": \"\(id)\"}"
    }

    static func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
