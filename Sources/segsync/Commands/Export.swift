import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Exports lists from the store.",
            subcommands: [Suppression.self]
        )
    }
}

extension Segsync.Export {
    struct Suppression: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes every person in any suppression segment, once each.",
            discussion: """
                Evaluates the suppression segments (suppression: true) at one instant and writes each person they \
                hold once, with the identifiers segsync has (userId, first anonymousId, email and phone) and the \
                names of the suppression segments holding them. Emails are SHA-256 hashed as Pinterest expects \
                (trimmed, lowercased) and phones after Pinterest's normalisation, unless --hash none. CSV has a \
                header line and separates segment names with semicolons; NDJSON has one object a line. Without \
                --output the rows go to standard output; with it a summary goes to standard error (or, with \
                --json, to standard output).
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var segmentOptions: SegmentOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .customLong("as-of"), help: "Evaluate at this instant (ISO-8601 or Unix seconds; default: now).")
        var asOf: String?

        @Option(help: "The file format: csv or ndjson.")
        var format: SuppressionExport.Format = .csv

        @Option(help: "How identifiers are written: sha256 (as Pinterest matches them) or none.")
        var hash: SuppressionExport.Hashing = .sha256

        @Option(
            name: .customLong("output"),
            help: "Write to this file instead of standard output (replaced once complete).")
        var file: String?

        func validate() throws {
            try validateInstant(asOf, flag: "--as-of")
            if output.json && file == nil {
                throw ValidationError("--json prints a summary, so it needs --output: the rows take standard output.")
            }
        }

        func run() throws {
            let store = try self.store.open()
            let catalog = try segmentOptions.load(for: store, reportingTo: output)
            let now = try CommandLineInstant.evaluationInstant(asOf)
            let summary = try SuppressionExport(store: store, catalog: catalog)
                .write(at: now, format: format, hashing: hash, toFile: file)
            guard let file else { return }
            if output.json {
                try Output.json(ExportSummary(output: file, people: summary.people, segments: summary.segments))
            } else {
                Output.note("wrote \(summary.people) people to \(file)")
            }
        }
    }
}

extension SuppressionExport.Format: ExpressibleByArgument {}
extension SuppressionExport.Hashing: ExpressibleByArgument {}

/// The JSON of `export suppression --output FILE --json`.
private struct ExportSummary: Encodable {
    var output: String
    var people: Int
    var segments: [String: Int]
}
