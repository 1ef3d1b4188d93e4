import Foundation
import Store

/// `segsync conversions status`: what became of the mapped events so far, from the store's records.
///
/// ```json
/// {"sent": 4100, "processed": 4090, "failed": 10, "collapsed": 300, "held": 450,
///  "skipped": {"unmatchable": 400, "too_old": 150, "incomplete_purchase": 50}, "pending": 12,
///  "failures": {"'event_time' is too old": 10}, "last_run": {"started_at": "2026-11-29T12:00:00Z", ...}}
/// ```
public struct ConversionsStatus: Sendable, Equatable, Encodable {
    /// The newest run, as recorded.
    public struct LastRun: Sendable, Equatable, Encodable {
        /// When it started, ISO-8601.
        public var startedAt: String
        /// When it finished, ISO-8601; `nil` while it runs, or when it was killed.
        public var finishedAt: String?
        public var status: ConversionRunStatus
        /// Whether it sent with `test=true`.
        public var test: Bool
        /// Why it failed.
        public var error: String?
        /// Events it sent.
        public var sent: Int?

        enum CodingKeys: String, CodingKey {
            case status, test, error, sent
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }
    }

    /// Events sent and answered (processed + failed).
    public var sent = 0
    /// Events Pinterest processed.
    public var processed = 0
    /// Events Pinterest failed.
    public var failed = 0
    /// Repeated Add to Cart events collapsed.
    public var collapsed = 0
    /// Events not sent, by check (held and skipped for good together).
    public var skipped: [ConversionCheck: Int] = ConversionCheck.zeroCounts
    /// Of the skipped, those a later run looks at again while they are young enough.
    public var held = 0
    /// Pinterest's reasons for failed events, with counts.
    public var failures: [String: Int] = [:]
    /// Mapped events no run has looked at yet.
    public var pending = 0
    /// The newest run.
    public var lastRun: LastRun?

    enum CodingKeys: String, CodingKey {
        case sent, processed, failed, collapsed, skipped, held, failures, pending
        case lastRun = "last_run"
    }

    /// Reads the status of `store` under `configuration` (its map decides which events are pending).
    public static func read(from store: any ConversionStore, configuration: ConversionsConfiguration, now: Int64) throws
        -> ConversionsStatus
    {
        var status = ConversionsStatus()
        for count in try store.conversionStatusCounts() {
            switch count.status {
            case .processed:
                status.processed += count.count
            case .failed:
                status.failed += count.count
                status.failures[count.reason ?? "failed without a reason", default: 0] += count.count
            case .collapsed:
                status.collapsed += count.count
            case .held, .skipped:
                if count.status == .held { status.held += count.count }
                if let check = count.reason.flatMap(ConversionCheck.init(rawValue:)) {
                    status.skipped[check, default: 0] += count.count
                }
            }
        }
        status.sent = status.processed + status.failed
        if let newest = try store.newestEventReference() {
            let cursor = try store.conversionCursor()
            let scan = ConversionsRun.scan(
                cursor: cursor, cursorMessageID: try cursor.flatMap { try store.messageID(ofEvent: $0.lastEventID) },
                names: configuration.mappedNames, upTo: newest.id, floor: now - configuration.maxAgeMillis
            )
            status.pending = try store.undecidedConversionEventCount(scan)
        }
        if let run = try store.conversionRuns(limit: 1).first {
            let summary = run.summary.flatMap { try? JSONDecoder().decode(SummaryCounts.self, from: Data($0.utf8)) }
            status.lastRun = LastRun(
                startedAt: Timestamp.format(run.startedAt), finishedAt: run.finishedAt.map(Timestamp.format),
                status: run.status, test: run.test, error: run.error, sent: summary?.sent
            )
        }
        return status
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sent, forKey: .sent)
        try container.encode(processed, forKey: .processed)
        try container.encode(failed, forKey: .failed)
        try container.encode(collapsed, forKey: .collapsed)
        try container.encode(ConversionsReport.byName(skipped), forKey: .skipped)
        try container.encode(held, forKey: .held)
        try container.encode(failures, forKey: .failures)
        try container.encode(pending, forKey: .pending)
        try container.encodeIfPresent(lastRun, forKey: .lastRun)
    }

    /// A few lines for a terminal.
    public var text: String {
        var lines = [
            "sent \(sent) (processed \(processed), failed \(failed)); collapsed \(collapsed); pending \(pending)",
            "skipped " + ConversionCheck.skippedText { skipped[$0] ?? 0 }
                + " (\(held) held, looked at again while young enough)",
        ]
        lines += ConversionCheck.failureLines(failures, limit: 10)
        if let run = lastRun {
            lines.append(
                "last run \(run.startedAt): \(run.status)\(run.test ? " (test)" : "")"
                    + (run.sent.map { ", \($0) sent" } ?? "") + (run.error.map { ": \($0)" } ?? "")
            )
        } else {
            lines.append("no run yet")
        }
        return lines.joined(separator: "\n")
    }

    private struct SummaryCounts: Decodable {
        var sent: Int?
    }
}
