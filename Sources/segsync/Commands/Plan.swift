import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Shows what a sync would add to and remove from each Pinterest audience, without doing it.",
            discussion: """
                Evaluates every audience segment (or those named) and the suppression segments at one instant, \
                keeps the members with an email, and compares their hashes with the ledger of what Pinterest has \
                acknowledged. Prints per audience the members, how suppression took people out, what would be \
                added, removed and kept, and how many Pinterest calls that takes. It changes nothing and calls \
                nothing. SEGSYNC_BATCH_SIZE sets the records per call (default 1000).
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var segmentOptions: SegmentOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var sync: SyncOptions

        func validate() throws {
            try sync.validate()
        }

        func run() throws {
            let store = try self.store.open()
            let catalog = try segmentOptions.load(for: store, reportingTo: output)
            let plan = try SyncPlanner(store: store, catalog: catalog, settings: try sync.settings())
                .plan(at: try sync.instant()).plan
            if let stale = plan.refusal { Output.note("warning: sync would refuse: \(stale)") }
            let report = plan.report
            for warning in report.warnings { Output.note("warning: \(warning)") }
            if output.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
        }
    }
}
