import Logging
import Pinterest
import Store

/// The main job as `segsync demo` shows it, on the demo store against a Pinterest stand-in: sync; sync again
/// (nothing to send, no call); sync as of a day later (the windows move, people enter and leave the audiences).
///
/// ```swift
/// let steps = try await DemoSync(databasePath: path, now: now, configuration: configuration) {
///     await standIn.requests().count
/// }.run()
/// ```
public struct DemoSync {
    /// One of the demo's syncs.
    public struct Step: Sendable, Encodable {
        /// What the step shows.
        public var title: String
        public var report: SyncReport
        /// Requests the Pinterest stand-in received during the step, retries included.
        public var requests: Int

        /// A human-readable account.
        public var text: String {
            "\(title): \(requests) \(requests == 1 ? "request" : "requests") to Pinterest\n" + report.text
        }
    }

    public var databasePath: String
    /// The segments directory; nil for `./segments` when it exists, else the built-in examples.
    public var segmentsDirectory: String?
    /// The demo data's newest instant: the first two syncs are evaluated at it, the third a day later.
    public var now: Int64
    public var configuration: PinterestConfiguration
    public var settings: SyncSettings
    /// How many requests Pinterest has received so far.
    public var countRequests: @Sendable () async -> Int

    public init(
        databasePath: String, segmentsDirectory: String? = nil, now: Int64, configuration: PinterestConfiguration,
        settings: SyncSettings = SyncSettings(maxStaleness: nil), countRequests: @escaping @Sendable () async -> Int
    ) {
        self.databasePath = databasePath
        self.segmentsDirectory = segmentsDirectory
        self.now = now
        self.configuration = configuration
        self.settings = settings
        self.countRequests = countRequests
    }

    /// Runs the three syncs, holding the store's sync lock.
    public func run() async throws -> [Step] {
        let store = try Store.open(path: databasePath)
        let lock = try StoreLock(store: databasePath, for: .sync)
        let demo = DemoRun(
            generator: DemoGenerator(people: 1, now: now), databasePath: databasePath,
            segmentsDirectory: segmentsDirectory)
        let catalog = try demo.loadCatalog(vocabulary: StoreVocabulary(store: store))
        let job = SyncJob(
            store: store, catalog: catalog, settings: settings, client: PinterestClient(configuration: configuration))
        var steps: [Step] = []
        let plan: [(String, Int64)] = [
            ("first sync: lists and audiences created", now),
            ("second sync at the same instant: nothing to send", now),
            ("third sync a day later: the windows moved", now + 86_400_000),
        ]
        for (title, instant) in plan {
            let before = await countRequests()
            let report = try await job.run(at: instant)
            steps.append(Step(title: title, report: report, requests: await countRequests() - before))
        }
        withExtendedLifetime(lock) {}
        return steps
    }
}
