@_exported import CustomerIO
import Foundation
@_exported import Store

/// Ingest of Customer.io Data Pipelines NDJSON files into the store.
public enum Ingest {
    /// The result of ingesting files: the counts, and the first rejections of this run.
    public struct Report: Sendable, Codable {
        public var counts: IngestCounts
        public var rejections: [Rejection]
        /// Set when the files were loaded in bulk (see ``Store/beginBulkLoad(expectedMessages:minimum:)``).
        public var bulkLoad: BulkLoadSummary?

        public init(counts: IngestCounts, rejections: [Rejection], bulkLoad: BulkLoadSummary? = nil) {
            self.counts = counts
            self.rejections = rejections
            self.bulkLoad = bulkLoad
        }
    }

    /// A bulk load: the indexes it dropped while it wrote, and how long building them again took.
    public struct BulkLoadSummary: Sendable, Codable, Equatable {
        public var indexesRebuilt: [String]
        public var rebuildSeconds: Double

        enum CodingKeys: String, CodingKey {
            case indexesRebuilt = "indexes_rebuilt"
            case rebuildSeconds = "rebuild_seconds"
        }
    }

    /// Ingests the files (`-` for standard input) in order; see ``FileIngestor``.
    ///
    /// - Parameters:
    ///   - progress: called now and then with a one-line progress text (for a terminal).
    /// - Throws: ``IngestFileError`` when a file cannot be read, ``PartialIngestError`` when one
    ///   fails part-way (what came before is kept), store errors.
    public static func files(
        _ paths: [String], into store: Store, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Report {
        let before = try store.lastRejectionID()
        let files = try FileIngestor(store: store, progress: progress).ingestReporting(paths: paths)
        let bulkLoad = files.rebuildSeconds.map {
            BulkLoadSummary(indexesRebuilt: files.rebuiltIndexes, rebuildSeconds: ($0 * 1000).rounded() / 1000)
        }
        let rejections = try store.rejections(after: before, limit: 10)
        return Report(counts: files.counts, rejections: rejections, bulkLoad: bulkLoad)
    }
}

extension Rejection: Codable {
    enum CodingKeys: String, CodingKey {
        case source, line, reason
        case messageId = "message_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            source: try container.decode(String.self, forKey: .source),
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            reason: try container.decode(String.self, forKey: .reason),
            messageId: try container.decodeIfPresent(String.self, forKey: .messageId), raw: "")
    }

    /// Encodes where and why, never the raw text (it may hold personal data).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(messageId, forKey: .messageId)
    }
}
