import Store

/// `segsync sync --every 15m`: a sync at once, then one each period, until a stop is requested.
///
/// A run that takes longer than the period is followed by the next at once. A stop (SIGINT, SIGTERM) lets the
/// batch in flight finish, records it, and ends the loop. A refused or failed run does not end it: the next tick
/// tries again, since a feed that comes back should bring the audiences back with it.
///
/// ```swift
/// try await ScheduledSync(every: try SyncDuration(parsing: "15m"), stop: stop).run { now in
///     try await job.run(at: now)
/// } report: { print($0.text) }
/// ```
public struct ScheduledSync: Sendable {
    public var every: SyncDuration
    public let stop: StopSignal
    /// The wall clock in milliseconds; tests may pin it.
    public var clock: @Sendable () -> Int64

    public init(every: SyncDuration, stop: StopSignal, clock: @escaping @Sendable () -> Int64 = Store.wallClockMillis) {
        precondition(every.milliseconds > 0, "a period is longer than nothing")
        self.every = every
        self.stop = stop
        self.clock = clock
    }

    /// Runs `sync` at each tick with the tick's instant, hands each report to `report`, until stopped.
    ///
    /// - Returns: How many runs were made.
    /// - Throws: What `sync` throws (a broken store or segment files end the loop: retrying cannot help).
    @discardableResult
    public func run(
        _ sync: (Int64) async throws -> SyncReport, report: (SyncReport) throws -> Void
    ) async throws -> Int {
        var runs = 0
        while !(await stop.isRequested) {
            let started = clock()
            try report(try await sync(started))
            runs += 1
            let wait = started + every.milliseconds - clock()
            if wait > 0, await stop.sleep(for: .milliseconds(wait)) { break }
        }
        return runs
    }
}
