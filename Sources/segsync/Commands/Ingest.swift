import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stores Customer.io Data Pipelines messages from NDJSON files.",
            discussion: """
                Each line holds one message, a {"batch": [...]} envelope, or a JSON array of messages. \
                Files ending in .gz (or starting with gzip's magic bytes) are read as gzip; - reads standard \
                input. Input that cannot be stored is kept in the store's rejected table with its reason.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        @Flag(help: "Exit with status 1 when any message was rejected.")
        var strict = false

        @Argument(help: "NDJSON files to read, or - for standard input.")
        var files: [String] = []

        func validate() throws {
            if files.isEmpty { throw ValidationError("Name at least one file, or - for standard input.") }
        }

        func run() throws {
            let store = try self.store.open()
            let report: Engine.Ingest.Report
            do {
                report = try Engine.Ingest.files(files, into: store, progress: Output.progress())
            } catch let error as PartialIngestError {
                Output.endProgress()
                if output.json { try Output.json(IngestSummary(report: .init(counts: error.counts, rejections: []))) }
                throw error
            }
            Output.endProgress()
            if output.json {
                try Output.json(IngestSummary(report: report))
            } else {
                let counts = report.counts
                print("read \(counts.read) messages: \(counts.stored) stored, \(counts.duplicates) duplicates, "
                    + "\(counts.rejected) rejected")
                for rejection in report.rejections {
                    print("  rejected \(rejection.source)\(rejection.line.map { ":\($0)" } ?? ""): \(rejection.reason)")
                }
                if counts.rejected > report.rejections.count {
                    print("  ... and \(counts.rejected - report.rejections.count) more in the store's rejected table")
                }
                if let bulkLoad = report.bulkLoad {
                    let seconds = String(format: "%.1f", bulkLoad.rebuildSeconds)
                    print("bulk load: \(bulkLoad.indexesRebuilt.count) indexes dropped while writing, "
                        + "built again in \(seconds) s")
                }
            }
            if strict && report.counts.rejected > 0 { throw ExitCode(1) }
        }
    }
}

/// The JSON shape of `segsync ingest --json` (cli.md).
struct IngestSummary: Encodable {
    var read: Int
    var stored: Int
    var duplicates: Int
    var rejected: Int
    var rejections: [Rejection]
    /// Present when the files were loaded in bulk.
    var bulkLoad: Engine.Ingest.BulkLoadSummary?

    enum CodingKeys: String, CodingKey {
        case read, stored, duplicates, rejected, rejections
        case bulkLoad = "bulk_load"
    }

    init(report: Engine.Ingest.Report) {
        read = report.counts.read
        stored = report.counts.stored
        duplicates = report.counts.duplicates
        rejected = report.counts.rejected
        rejections = report.rejections
        bulkLoad = report.bulkLoad
    }
}
