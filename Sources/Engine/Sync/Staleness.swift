import Store

/// The age of the newest stored event at the evaluation instant, and whether it is too old to sync.
///
/// A feed that stopped delivering must not quietly keep stale audiences on Pinterest: `sync` refuses to run
/// when the newest event is older than `--max-staleness` (default 24h) at `--as-of`, else the wall clock.
///
/// ```swift
/// let staleness = Staleness(newestEvent: try store.newestEventTimestamp(), now: now, limit: settings.maxStaleness)
/// if let error = staleness.error { throw error }
/// ```
public struct Staleness: Sendable, Equatable {
    /// The newest event's timestamp (ms), nil when the store holds no event.
    public var newestEvent: Int64?
    /// The evaluation instant (ms).
    public var now: Int64
    /// The limit; nil when the guard is off.
    public var limit: SyncDuration?

    public init(newestEvent: Int64?, now: Int64, limit: SyncDuration?) {
        self.newestEvent = newestEvent
        self.now = now
        self.limit = limit
    }

    /// The newest event's age in milliseconds (negative when it is after `now`); nil without events.
    public var age: Int64? { newestEvent.map { now - $0 } }

    /// Why a sync must not run, or nil when it may.
    public var error: StaleDataError? {
        guard let limit else { return nil }
        guard let age else { return StaleDataError(newestEvent: nil, now: now, limit: limit) }
        return age > limit.milliseconds ? StaleDataError(newestEvent: newestEvent, now: now, limit: limit) : nil
    }

    /// An age as people say it: `3d 4h`, `26h 5m`, `12m`, `40s`.
    public static func describe(milliseconds: Int64) -> String {
        let seconds = abs(milliseconds) / 1000
        let (days, hours, minutes) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60)
        let text: String
        if days >= 2 {
            text = "\(days)d \(hours)h"
        } else if seconds >= 3600 {
            text = "\(seconds / 3600)h \(minutes)m"
        } else if seconds >= 60 {
            text = "\(minutes)m"
        } else {
            text = "\(seconds)s"
        }
        return milliseconds < 0 ? "-" + text : text
    }
}

/// The store's newest event is older than the staleness limit, or there is none: the sync refuses to run.
public struct StaleDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var newestEvent: Int64?
    public var now: Int64
    public var limit: SyncDuration

    public var description: String {
        guard let newestEvent else {
            return "refusing to sync: the store holds no event, so the audiences cannot be current; ingest the feed "
                + "first (segsync ingest, or segsync serve)"
        }
        return "refusing to sync: the newest stored event (\(Timestamp.format(newestEvent))) is "
            + "\(Staleness.describe(milliseconds: now - newestEvent)) old at \(Timestamp.format(now)), more than "
            + "--max-staleness \(limit.text); check that the Customer.io feed still arrives, or pass a larger "
            + "--max-staleness"
    }
}
