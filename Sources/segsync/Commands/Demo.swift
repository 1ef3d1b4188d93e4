import ArgumentParser
import Engine
import Foundation
import Pinterest
import PinterestStandIn

extension Segsync {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds a demo store from synthetic shop data and runs the main job on it.",
            discussion: """
                Generates Customer.io Data Pipelines NDJSON for a direct-to-consumer shop (people with email, \
                phone and ltv, anonymous browsing later identified, carts, checkouts, orders, refunds and a few \
                malformed lines), ingests it through the same path as `segsync ingest` into its own store \
                (rebuilt on every run), and prints what the store holds and what each segment holds. Then it runs \
                the main job against a local Pinterest stand-in started in the process (nothing reaches \
                Pinterest): a sync that creates each audience's customer list and audience, a second sync at the \
                same instant that has nothing to send and makes no call, and a sync as of a day later, when the \
                time windows have moved. With --output it only writes the NDJSON.
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

        @Flag(help: "Stop after the ingest and the segment counts, without the syncs.")
        var noSync = false

        @OptionGroup var format: OutputOptions

        func validate() throws {
            if people < 1 { throw ValidationError("--people must be at least 1.") }
            try validateInstant(now, flag: "--now")
        }

        func run() async throws {
            Segsync.bootstrapLoggingOnce()
            let instant = try CommandLineInstant.parseIfGiven(now, flag: "--now") ?? Store.wallClockMillis()
            let generator = DemoGenerator(people: people, now: instant, seed: seed)
            if let output {
                let messages = try generator.write(toFile: output)
                if format.json {
                    try Output.json(["messages": messages, "people": people])
                } else {
                    print("wrote \(messages) messages for \(people) people to \(output)")
                }
                return
            }
            let report = try DemoRun(generator: generator, databasePath: db, progress: Output.progress()).run()
            Output.endProgress()
            let steps = noSync ? [] : try await sync(at: instant)
            if format.json {
                try Output.json(DemoOutput(report: report, sync: steps))
            } else {
                print(report.text)
                for step in steps { print("\n" + step.text) }
            }
        }

        /// The three syncs against a stand-in started here, with a token made for the run.
        private func sync(at instant: Int64) async throws -> [DemoSync.Step] {
            let token = "demo-" + UUID().uuidString
            let account = "549755885175"
            return try await PinterestStandIn.with(StandInConfiguration(accessToken: token, adAccountIDs: [account])) {
                standIn in
                let configuration = PinterestConfiguration(
                    baseURL: standIn.baseURL, accessToken: AccessToken(token), adAccountID: account,
                    requestsPerSecond: nil)
                return try await DemoSync(databasePath: db, now: instant, configuration: configuration) {
                    await standIn.requests().count
                }.run()
            }
        }
    }
}

/// The JSON of `segsync demo`: the store and segment report, and the syncs under `sync`.
private struct DemoOutput: Encodable {
    var report: DemoRun.Report
    var sync: [DemoSync.Step]

    enum CodingKeys: String, CodingKey {
        case sync
    }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sync, forKey: .sync)
    }
}
