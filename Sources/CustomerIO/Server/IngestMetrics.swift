import Foundation
import Store

/// The server's counters and request-duration histograms, rendered in the Prometheus text format
/// for `GET /metrics`.
///
/// `received` counts the messages of every authenticated request that decoded (a request body that
/// is not JSON counts as one); each then ends `stored`, `duplicate` or `rejected` (kept in the
/// rejected table, or refused in strict mode).
public final class IngestMetrics: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `lock` is held.
    private let lock = NSLock()
    private var received = 0
    private var stored = 0
    private var duplicates = 0
    private var rejected = 0
    private var requests: [RequestKey: Int] = [:]
    private var durations: [String: DurationHistogram] = [:]
    private var commits = 0
    private var commitDurations = DurationHistogram()

    private struct RequestKey: Hashable {
        var route: String
        var status: Int
    }

    public init() {}

    /// Counts what one request's messages became.
    func record(received: Int, counts: IngestCounts, refused: Int = 0) {
        lock.withLock {
            self.received += received
            stored += counts.stored
            duplicates += counts.duplicates
            rejected += counts.rejected + refused
        }
    }

    /// Counts one answered request and how long it took.
    func record(route: String, status: Int, seconds: Double) {
        lock.withLock {
            requests[RequestKey(route: route, status: status), default: 0] += 1
            durations[route, default: DurationHistogram()].observe(seconds)
        }
    }

    /// Counts one transaction of the writer.
    func recordCommit(seconds: Double) {
        lock.withLock {
            commits += 1
            commitDurations.observe(seconds)
        }
    }

    /// The counts so far, for tests and logs.
    public var totals: (received: Int, stored: Int, duplicates: Int, rejected: Int) {
        lock.withLock { (received, stored, duplicates, rejected) }
    }

    /// Everything, in the Prometheus text exposition format (version 0.0.4).
    public func prometheusText(queuedMessages: Int) -> String {
        lock.withLock {
            var lines: [String] = []
            func counter(_ name: String, _ help: String, _ value: Int) {
                lines += ["# HELP \(name) \(help)", "# TYPE \(name) counter", "\(name) \(value)"]
            }
            counter("segsync_messages_received_total", "Messages received in authenticated requests.", received)
            counter("segsync_messages_stored_total", "Messages stored for the first time.", stored)
            counter("segsync_messages_duplicate_total", "Messages whose messageId was already stored.", duplicates)
            counter("segsync_messages_rejected_total", "Messages rejected (kept with a reason, or refused).", rejected)
            counter("segsync_commits_total", "Transactions committed by the writer.", commits)
            lines += [
                "# HELP segsync_queued_messages Messages waiting for the writer.",
                "# TYPE segsync_queued_messages gauge", "segsync_queued_messages \(queuedMessages)",
                "# HELP segsync_http_requests_total HTTP requests answered, by route and status.",
                "# TYPE segsync_http_requests_total counter",
            ]
            for (key, value) in requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
                lines.append("segsync_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(value)")
            }
            lines += [
                "# HELP segsync_http_request_duration_seconds Time from a request's arrival to its answer.",
                "# TYPE segsync_http_request_duration_seconds histogram",
            ]
            for route in durations.keys.sorted() {
                lines += durations[route, default: DurationHistogram()]
                    .lines(name: "segsync_http_request_duration_seconds", labels: "route=\"\(route)\"")
            }
            lines += [
                "# HELP segsync_commit_duration_seconds Time the writer takes to commit one group of requests.",
                "# TYPE segsync_commit_duration_seconds histogram",
            ]
            lines += commitDurations.lines(name: "segsync_commit_duration_seconds", labels: "")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
