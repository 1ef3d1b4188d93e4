import ArgumentParser
import Engine
import Foundation
import Logging
import Pinterest

extension Segsync {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Syncs each audience segment to its Pinterest customer list and audience.",
            discussion: """
                Plans as segsync plan does, then sends the removals first and the additions after, in batches of \
                SEGSYNC_BATCH_SIZE (default 1000). The ledger records a batch only once Pinterest acknowledged it, \
                so a failed or interrupted run is completed by the next one. The customer list and its audience \
                are created on first use, named as the segment's pinterest.audience says (an existing list or \
                audience of that name is adopted). An unchanged audience costs no call. Needs \
                PINTEREST_ACCESS_TOKEN and PINTEREST_AD_ACCOUNT_ID (PINTEREST_API_BASE to point elsewhere). Refuses \
                to run when the newest stored event is older than --max-staleness at the evaluation instant. Only \
                one sync runs against a store at a time. With --every it syncs again each period until SIGINT or \
                SIGTERM, which let the batch in flight finish; with --json it then prints one JSON object a run, \
                one a line. Exits with status 1 when any audience failed or the data is stale.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var segmentOptions: SegmentOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var sync: SyncOptions

        @Option(help: "Sync again every DURATION (such as 15m or 1h) until stopped by SIGINT or SIGTERM.")
        var every: String?

        func validate() throws {
            try sync.validate()
            if let every {
                guard let period = try? SyncDuration(parsing: every), period.milliseconds >= 1000 else {
                    throw ValidationError("--every '\(every)' is not a period: use a duration such as 15m or 1h.")
                }
                if sync.asOf != nil {
                    throw ValidationError("--every syncs at the wall clock's time each period; leave out --as-of.")
                }
                if !sync.retire.isEmpty {
                    throw ValidationError("--retire is done once: run `segsync sync --retire NAME` by itself, and "
                        + "keep --every for the audiences that stay.")
                }
            }
        }

        func run() async throws {
            let store = try self.store.open()
            let lock = try store.lock(for: .sync)
            defer { withExtendedLifetime(lock) {} }
            let catalog = try segmentOptions.load(for: store, reportingTo: output)
            let settings = try sync.settings()
            let client = PinterestClient(
                configuration: try PinterestConfiguration.fromEnvironment(), logger: Logger(label: "segsync.pinterest"))
            let stop = StopSignal()
            let signals = SignalStop(stop: stop) { Output.note("segsync sync: stopping after the batch in flight") }
            defer { signals.cancel() }
            let job = SyncJob(store: store, catalog: catalog, settings: settings, client: client, stop: stop)
            if let every, let period = try? SyncDuration(parsing: every) {
                try await ScheduledSync(every: period, stop: stop).run({ try await job.run(at: $0) }) { report in
                    try show(report)
                }
                return
            }
            let report = try await job.run(at: try sync.instant())
            try show(report)
            if report.status == .refused || report.anyFailed { throw ExitCode(1) }
        }

        private func show(_ report: SyncReport) throws {
            if let error = report.error { Output.note("Error: \(error)") }
            for warning in report.warnings { Output.note("warning: \(warning)") }
            if output.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
        }
    }
}

/// What `plan` and `sync` share: the instant, the staleness limit, the audiences.
struct SyncOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Evaluate at this instant (ISO-8601 or Unix seconds; default: now).")
    var asOf: String?

    @Option(help: "Refuse to sync when the newest stored event is older than this at the evaluation instant.")
    var maxStaleness = "24h"

    @Argument(help: "Audience segments to plan or sync, by segment name (default: every audience).")
    var audiences: [String] = []

    @Option(
        name: .customLong("retire"),
        help: ArgumentHelp(
            "An audience no segment makes any more, to retire: sync removes everyone segsync sent from its list "
                + "and then forgets it; plan shows what that removes.",
            discussion: "Repeat it for several. Without AUDIENCE arguments the current audiences are planned or "
                + "synced too. People another audience on the same list holds stay on it.",
            valueName: "name"))
    var retire: [String] = []

    func validate() throws {
        try validateInstant(asOf, flag: "--as-of")
        do {
            _ = try SyncDuration(parsing: maxStaleness)
        } catch {
            throw ValidationError("--max-staleness \(error).")
        }
    }

    /// The evaluation instant: `--as-of`, else the wall clock.
    func instant() throws -> Int64 {
        try CommandLineInstant.evaluationInstant(asOf)
    }

    /// The settings: the batch size from the environment, the staleness limit and audiences from the flags.
    func settings() throws -> SyncSettings {
        var settings = try SyncSettings.fromEnvironment()
        settings.maxStaleness = try SyncDuration(parsing: maxStaleness)
        settings.audiences = audiences
        settings.retire = retire
        return settings
    }
}
