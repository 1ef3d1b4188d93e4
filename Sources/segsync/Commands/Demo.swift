import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds a demo store from synthetic shop data and runs the main job on it.",
            discussion: """
                Generates Customer.io Data Pipelines NDJSON for a direct-to-consumer shop (people with email, \
                phone and ltv, anonymous browsing later identified, carts, checkouts, orders, refunds and a few \
                malformed lines), ingests it through the same path as `segsync ingest` into its own store \
                (rebuilt on every run), and prints what the store holds. With --output it only writes the NDJSON.
                """
        )

        @Option(help: "Path to the demo store, rebuilt on every run.")
        var db = "segsync-demo.sqlite"

        @Option(help: "How many people to generate.")
        var people = 20_000

        @Option(help: "The newest instant in the data (ISO-8601 or Unix seconds; default: now).")
        var now: String?

        @Option(help: "Seed of the generator; the same seed, size and --now give the same data.")
        var seed: UInt64 = 2026

        @Option(help: "Write the NDJSON to this file and stop, without ingesting.")
        var output: String?

        @OptionGroup var format: OutputOptions

        func validate() throws {
            if people < 1 { throw ValidationError("--people must be at least 1.") }
            if let now, Timestamp.parseFlag(now) == nil {
                throw ValidationError("--now '\(now)' is not an instant: use ISO-8601 such as 2026-11-29T12:00:00Z "
                    + "or Unix seconds.")
            }
        }

        func run() async throws {
            Segsync.bootstrapLoggingOnce()
            let instant = now.flatMap(Timestamp.parseFlag) ?? Store.wallClockMillis()
            let generator = DemoGenerator(people: people, now: instant, seed: seed)
            if let output {
                let messages = try write(generator, to: output)
                if format.json {
                    try Output.json(["messages": messages, "people": people])
                } else {
                    print("wrote \(messages) messages for \(people) people to \(output)")
                }
                return
            }
            let report = try DemoRun(generator: generator, databasePath: db, progress: Output.progress()).run()
            Output.endProgress()
            if format.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
        }

        private func write(_ generator: DemoGenerator, to path: String) throws -> Int {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ValidationError("cannot create \(path)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            return try generator.write(to: handle)
        }
    }
}
