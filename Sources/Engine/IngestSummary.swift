import Foundation

extension Ingest {
    /// The JSON of `segsync ingest --json` (cli.md): the counts at the top, the first rejections, and
    /// `bulk_load` when the files were loaded in bulk.
    public struct Summary: Sendable, Encodable {
        public var read: Int
        public var stored: Int
        public var duplicates: Int
        public var rejected: Int
        public var rejections: [Rejection]
        /// Present when the files were loaded in bulk.
        public var bulkLoad: BulkLoadSummary?

        enum CodingKeys: String, CodingKey {
            case read, stored, duplicates, rejected, rejections
            case bulkLoad = "bulk_load"
        }

        public init(report: Report) {
            read = report.counts.read
            stored = report.counts.stored
            duplicates = report.counts.duplicates
            rejected = report.counts.rejected
            rejections = report.rejections
            bulkLoad = report.bulkLoad
        }

        /// The summary of an ingest that failed part-way: what it had counted, no rejections listed.
        public init(counts: IngestCounts) {
            self.init(report: Report(counts: counts, rejections: []))
        }
    }
}

extension Ingest.Report {
    /// The counts, a line per rejection listed (and how many more the store holds), and the bulk load's index
    /// rebuild.
    public var text: String {
        var lines = [
            "read \(counts.read) messages: \(counts.stored) stored, \(counts.duplicates) duplicates, "
                + "\(counts.rejected) rejected"
        ]
        for rejection in rejections {
            lines.append("  rejected \(rejection.source)\(rejection.line.map { ":\($0)" } ?? ""): \(rejection.reason)")
        }
        if counts.rejected > rejections.count {
            lines.append("  ... and \(counts.rejected - rejections.count) more in the store's rejected table")
        }
        if let bulkLoad {
            let seconds = String(format: "%.1f", bulkLoad.rebuildSeconds)
            lines.append("bulk load: \(bulkLoad.indexesRebuilt.count) indexes dropped while writing, "
                + "built again in \(seconds) s")
        }
        return lines.joined(separator: "\n")
    }
}
