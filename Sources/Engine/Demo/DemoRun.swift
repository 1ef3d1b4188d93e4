import Foundation
import Store

/// `segsync demo`: generate, ingest through the ingest path, and report what the store holds.
public struct DemoRun {
    public var generator: DemoGenerator
    public var databasePath: String
    public var progress: (@Sendable (String) -> Void)?

    public init(generator: DemoGenerator, databasePath: String, progress: (@Sendable (String) -> Void)? = nil) {
        self.generator = generator
        self.databasePath = databasePath
        self.progress = progress
    }

    /// What the demo did and found.
    public struct Report: Sendable, Encodable {
        public var database: String
        public var ndjson: String
        public var now: String
        public var ingest: IngestCounts
        public var store: StoreSummary

        /// A human-readable account.
        public var text: String {
            var lines = [
                "demo store \(database), data up to \(now)",
                "ingested \(ndjson): \(ingest.read) messages, \(ingest.stored) stored, \(ingest.duplicates) duplicates, "
                    + "\(ingest.rejected) rejected (kept with their reasons)",
                "people: \(store.people) (\(store.identified) identified, \(store.anonymous) anonymous, "
                    + "\(store.withEmail) with an email, \(store.deleted) deleted)",
                "events: \(store.events)",
            ]
            for (name, count) in store.eventsByName.sorted(by: { $0.value > $1.value }) {
                lines.append("  \(name): \(count)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Builds the demo store from scratch and ingests the generated data.
    public func run() throws -> Report {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: databasePath + suffix)
        }
        let ndjson = (databasePath.hasSuffix(".sqlite") ? String(databasePath.dropLast(7)) : databasePath) + ".ndjson"
        guard FileManager.default.createFile(atPath: ndjson, contents: nil) else {
            throw IngestFileError(path: ndjson, reason: "cannot create the file")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ndjson))
        try generator.write(to: handle)
        try handle.close()
        let store = try Store.open(path: databasePath)
        let counts = try FileIngestor(store: store, progress: progress).ingest(paths: [ndjson])
        return Report(
            database: databasePath, ndjson: ndjson, now: Timestamp.format(generator.now), ingest: counts,
            store: try store.summary())
    }
}
