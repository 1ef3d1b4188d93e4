import Foundation
import Logging
import Pinterest
import Store

/// `segsync conversions send`: forwards the stored events that map to Pinterest conversion events, once.
///
/// A run looks at the events no run has decided about yet (after the cursor, with no `conversion_events` row)
/// and at those held back before, checks each, collapses repeated Add to Cart events, builds the rest exactly as
/// the spec wants them (on every core; see ``ConversionsPass``), and sends them in batches of at most 1000. Each
/// answer's per-event statuses are recorded with the batch: processed and failed events are never sent again, and
/// neither are skipped or collapsed ones.
/// A batch whose request fails (after the client's retries) stops the run; its events have no row, so the next
/// run sends them again, with the same `event_id`s, which Pinterest deduplicates.
///
/// ```swift
/// let run = ConversionsRun(configuration: .standard, options: .init(), now: Store.wallClockMillis(), client: client)
/// let report = try await run.run(on: store)
/// ```
public struct ConversionsRun: Sendable {
    /// The flags of `segsync conversions send`.
    public struct Options: Sendable, Equatable {
        /// Only events at or after this instant (milliseconds) are looked at; older ones wait for a run without it.
        public var since: Int64?
        /// Send with `test=true`: Pinterest answers but records nothing, and the run records nothing either.
        public var test: Bool
        /// Map, check and batch, but send and record nothing.
        public var dryRun: Bool
        /// Send purchases without order_id, value or currency instead of holding them back.
        public var allowIncompletePurchases: Bool

        /// Creates options.
        public init(
            since: Int64? = nil, test: Bool = false, dryRun: Bool = false, allowIncompletePurchases: Bool = false
        ) {
            self.since = since
            self.test = test
            self.dryRun = dryRun
            self.allowIncompletePurchases = allowIncompletePurchases
        }
    }

    /// The map and limits.
    public var configuration: ConversionsConfiguration
    /// The flags.
    public var options: Options
    /// The wall clock, milliseconds: the accepted age is measured from it.
    public var now: Int64
    /// Where events go; `nil` is allowed for a dry run only.
    public var client: PinterestClient?
    /// Where the run's lines go (counts and ids only).
    public var logger: Logger
    /// Called now and then with a one-line progress text.
    public var progress: (@Sendable (String) -> Void)?

    /// The most events read from the store at once.
    static let pageSize = 2000

    /// Creates a run.
    public init(
        configuration: ConversionsConfiguration, options: Options, now: Int64, client: PinterestClient?,
        logger: Logger = Logger(label: "segsync.conversions"), progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.options = options
        self.now = now
        self.client = client
        self.logger = logger
        self.progress = progress
    }

    /// Runs: decides about each event, sends, records.
    ///
    /// - Returns: What the run did.
    /// - Throws: ``ConversionsRunError`` when a request failed (with what the run did before),
    ///   ``StoreLockError`` when another run holds the store, store errors.
    public func run(on store: any ConversionStore) async throws -> ConversionsReport {
        precondition(options.dryRun || client != nil, "a run that sends needs a client")
        let clock = ContinuousClock()
        let start = clock.now
        let lock = options.dryRun ? nil : try store.lock(for: .conversions)
        defer { withExtendedLifetime(lock) {} }
        let runID = options.dryRun ? nil : try store.beginConversionRun(test: options.test, at: now)
        var pass = ConversionsPass(run: self, store: store, runID: runID)
        do {
            try await pass.run()
        } catch {
            pass.report.elapsedMilliseconds = Self.milliseconds(clock.now - start)
            let failure = ConversionsRunError(report: pass.report, reason: "\(error)")
            if let runID {
                try? store.finishConversionRun(
                    runID, failure: failure.description, summary: Self.json(pass.report), at: Store.wallClockMillis()
                )
            }
            logger.info("conversions.failed", metadata: ["conversions.sent": "\(pass.report.sent)"])
            throw failure
        }
        pass.report.elapsedMilliseconds = Self.milliseconds(clock.now - start)
        let report = pass.report
        if let runID {
            try store.finishConversionRun(runID, failure: nil, summary: Self.json(report), at: Store.wallClockMillis())
        }
        logger.info(
            "conversions.done",
            metadata: [
                "conversions.considered": "\(report.considered)", "conversions.sent": "\(report.sent)",
                "conversions.processed": "\(report.processed)", "conversions.failed": "\(report.failed)",
                "conversions.dry_run": "\(report.dryRun)",
            ]
        )
        return report
    }

    /// Which events a run looks at for the first time, given the saved cursor.
    ///
    /// The cursor is trusted when its event still has the message id it had (SQLite reuses the ids of deleted
    /// newest rows) and the map's names are the same; otherwise the run looks again at every event younger than
    /// the accepted age, and past the cursor.
    static func scan(
        cursor: ConversionCursor?, cursorMessageID: String?, names: [String], upTo: Int64, floor: Int64
    ) -> ConversionScan {
        guard let cursor else {
            return ConversionScan(names: names, startAfter: 0, cursor: 0, floor: floor, upTo: upTo)
        }
        let trusted = cursor.lastMessageID == cursorMessageID && cursor.names == names.joined(separator: "\t")
        return ConversionScan(
            names: names, startAfter: trusted ? cursor.lastEventID : 0, cursor: cursor.lastEventID, floor: floor,
            upTo: upTo
        )
    }

    /// The report as the run's recorded summary.
    static func json(_ report: ConversionsReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(ConversionsConfiguration.millis(duration))
    }
}

/// A run stopped part-way: what it did before, and why it stopped.
public struct ConversionsRunError: Error, Sendable, CustomStringConvertible {
    /// What the run did before it stopped; recorded, and not sent again.
    public var report: ConversionsReport
    /// The failure's own description (a ``PinterestError`` usually).
    public var reason: String

    /// `conversions stopped after 2000 events sent: Pinterest 503 on POST /ad_accounts/{id}/events: …`.
    public var description: String {
        "conversions stopped after \(report.sent) events sent (\(report.batched - report.sent) not answered "
            + "are sent again by the next run): \(reason)"
    }
}
