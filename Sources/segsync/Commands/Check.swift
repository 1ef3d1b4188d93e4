import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks every segment file and the aliases file.",
            discussion: """
                Reads each segments/*.yml file (one segment a file, named after it) and segments/aliases.yml, \
                and reports what is wrong, naming the file and line: bad YAML, unknown keys, missing rules, rules \
                that do not parse, references to missing segments, reference cycles (errors); and events or \
                attributes the store has never seen, with the closest known names (warnings). Exits with status \
                1 when there is any error.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var segmentOptions: SegmentOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try self.store.open()
            let vocabulary = try StoreVocabulary(store: store)
            let catalog = SegmentCatalog.load(
                directory: segmentOptions.segments ?? SegmentCatalog.defaultDirectory, vocabulary: vocabulary)
            let report = SegmentCheckReport(catalog: catalog)
            if output.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
            if !report.ok { throw ExitCode(1) }
        }
    }
}

/// Where the segment files are, for the commands that evaluate or check them.
struct SegmentOptions: ParsableArguments {
    @Option(help: "The segments directory (default: ./segments).")
    var segments: String?

    /// The catalog to evaluate with (``SegmentCatalog/forCommand(directory:vocabulary:whenMissing:)``).
    /// Prints the issues on standard error; a catalog with errors is an error.
    func load(for store: Store, reportingTo output: OutputOptions) throws -> SegmentCatalog {
        let catalog = SegmentCatalog.forCommand(
            directory: segments, vocabulary: try StoreVocabulary(store: store), whenMissing: .noSegments)
        for issue in catalog.issues.errors { Output.note(issue.rendered) }
        return try catalog.checked()
    }
}
