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
                if output.json { try Output.json(Engine.Ingest.Summary(counts: error.counts)) }
                throw error
            }
            Output.endProgress()
            if output.json {
                try Output.json(Engine.Ingest.Summary(report: report))
            } else {
                print(report.text)
            }
            if strict && report.counts.rejected > 0 { throw ExitCode(1) }
        }
    }
}
