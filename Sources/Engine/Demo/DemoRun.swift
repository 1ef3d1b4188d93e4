import Foundation
import Store

/// `segsync demo`: generate, ingest through the ingest path, evaluate the example segments at the
/// demo's `now`, and report what the store holds and what each segment would hold.
public struct DemoRun {
    public var generator: DemoGenerator
    public var databasePath: String
    /// The segments directory to preview; nil for `./segments` when it exists, else the built-in examples.
    public var segmentsDirectory: String?
    public var progress: (@Sendable (String) -> Void)?

    public init(
        generator: DemoGenerator, databasePath: String, segmentsDirectory: String? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.generator = generator
        self.databasePath = databasePath
        self.segmentsDirectory = segmentsDirectory
        self.progress = progress
    }

    /// One segment's counts at the demo's `now`.
    public struct SegmentCounts: Sendable, Encodable {
        public var name: String
        public var audience: String?
        public var suppression: Bool
        public var count: Int
        public var suppressed: Int
        public var matchable: Int
        public var suppressedBy: [String: Int]

        enum CodingKeys: String, CodingKey {
            case name, audience, suppression, count, suppressed, matchable
            case suppressedBy = "suppressed_by"
        }
    }

    /// What the demo did and found.
    public struct Report: Sendable, Encodable {
        public var database: String
        public var ndjson: String
        public var now: String
        public var ingest: IngestCounts
        public var store: StoreSummary
        /// Where the previewed segments came from.
        public var segmentsSource: String
        public var segments: [SegmentCounts]

        enum CodingKeys: String, CodingKey {
            case database, ndjson, now, ingest, store, segments
            case segmentsSource = "segments_source"
        }

        /// A human-readable account.
        public var text: String {
            var lines = [
                "demo store \(database), data up to \(now)",
                "ingested \(ndjson): \(ingest.read) messages, \(ingest.stored) stored, "
                    + "\(ingest.duplicates) duplicates, \(ingest.rejected) rejected (kept with their reasons)",
                "people: \(store.people) (\(store.identified) identified, \(store.anonymous) anonymous, "
                    + "\(store.withEmail) with an email, \(store.deleted) deleted)",
                "events: \(store.events)",
            ]
            for (name, count) in store.eventsByName.sorted(by: { $0.value > $1.value }) {
                lines.append("  \(name): \(count)")
            }
            lines.append("segments from \(segmentsSource), as of \(now):")
            let width = segments.map(\.name.count).max() ?? 0
            for segment in segments {
                let name = segment.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let kind = segment.suppression ? "  (suppression)" : ""
                lines.append(
                    "  \(name)  count \(segment.count), suppressed \(segment.suppressed), "
                        + "matchable \(segment.matchable)\(kind)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Builds the demo store from scratch, ingests the generated data, and evaluates the segments.
    ///
    /// - Throws: ``DemoStoreError`` when `databasePath` holds something the demo did not make, and
    ///   ``StoreLockError`` when a sync is running against it; it is then left as it is.
    public func run() throws -> Report {
        let stem = databasePath.hasSuffix(".sqlite") ? String(databasePath.dropLast(".sqlite".count)) : databasePath
        let ndjson = stem + ".ndjson"
        try checkRebuildable(ndjson: ndjson)
        // A sync running against the demo store (`sync --every`) would go on writing into deleted files.
        let lock = try StoreLock(store: databasePath, for: .sync)
        defer { withExtendedLifetime(lock) {} }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: databasePath + suffix)
        }
        guard FileManager.default.createFile(atPath: ndjson, contents: nil) else {
            throw IngestFileError(path: ndjson, reason: "cannot create the file")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ndjson))
        try generator.write(to: handle)
        try handle.close()
        let store = try Store.open(path: databasePath)
        try store.markAsDemo()
        let counts = try FileIngestor(store: store, progress: progress).ingest(paths: [ndjson])
        let catalog = try loadCatalog(vocabulary: StoreVocabulary(store: store))
        return Report(
            database: databasePath, ndjson: ndjson, now: Timestamp.format(generator.now), ingest: counts,
            store: try store.summary(), segmentsSource: catalog.source,
            segments: try evaluate(catalog, in: store))
    }

    /// Refuses to delete `databasePath` or overwrite `ndjson` unless the demo made them.
    private func checkRebuildable(ndjson: String) throws {
        let files = FileManager.default
        let empty = (try? files.attributesOfItem(atPath: databasePath)[.size] as? Int) == 0
        guard files.fileExists(atPath: databasePath), !empty else {
            if files.fileExists(atPath: ndjson) { throw DemoStoreError(path: ndjson) }
            return
        }
        guard Store.isDemoStore(path: databasePath) else { throw DemoStoreError(path: databasePath) }
    }

    /// The segments to preview: the given directory, `./segments` (`fallback`) when it exists, else the
    /// built-in copy.
    func loadCatalog(vocabulary: StoreVocabulary, fallback: String = SegmentCatalog.defaultDirectory) throws
        -> SegmentCatalog
    {
        try SegmentCatalog.forCommand(
            directory: segmentsDirectory, vocabulary: vocabulary, whenMissing: .examples, fallback: fallback
        ).checked()
    }

    /// Every segment's counts at the demo's `now`, evaluated together.
    private func evaluate(_ catalog: SegmentCatalog, in store: any SegmentStore) throws -> [SegmentCounts] {
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: generator.now)
        let audiences = try evaluator.materialize(catalog.names.map { .segment($0) })
        return audiences.compactMap { audience in
            guard let name = audience.segment, let segment = catalog.segment(named: name) else { return nil }
            return SegmentCounts(
                name: name, audience: segment.audience, suppression: segment.isSuppression,
                count: audience.counts.count, suppressed: audience.counts.suppressed,
                matchable: audience.counts.matchable, suppressedBy: audience.counts.suppressedBy)
        }
    }
}

/// `segsync demo` was pointed at a file it did not make. The demo deletes and rebuilds its store on
/// every run, so it refuses rather than destroy someone's data.
public struct DemoStoreError: Error, CustomStringConvertible, Sendable {
    public var path: String

    public var description: String {
        "\(path) exists and was not made by `segsync demo`, which deletes and rebuilds its files on every run; "
            + "give --db a path of its own (the demo also writes the NDJSON beside it), or remove \(path) yourself"
    }
}
