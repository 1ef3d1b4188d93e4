import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Shows the recent sync runs and the batches each sent.",
            discussion: """
                Newest run first: when it ran, as of which instant, how it ended (ok, failed, interrupted, refused \
                for stale data, or running), per audience what was planned and done, and each batch with its \
                operation (CREATE, ADD, REMOVE), size and fate (acknowledged, failed with Pinterest's answer, or \
                sent with no answer recorded because the process stopped during the call).
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "How many runs to show, newest first.")
        var limit = 10

        @Option(name: .customLong("run"), help: "Show only the run with this id.")
        var runID: Int64?

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            let store = try self.store.open()
            let history = try SyncHistory(store: store, limit: limit, run: runID)
            if output.json {
                try Output.json(history)
            } else {
                print(history.text)
            }
        }
    }
}
