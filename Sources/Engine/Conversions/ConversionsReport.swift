import Foundation

/// What one `segsync conversions send` did; its JSON is the contract of cli.md.
///
/// Every event looked at ends in exactly one of `batched`, `collapsed` and `skipped` (all reasons together make
/// `considered`); of the batched, `sent` are those Pinterest answered (`processed + failed`). In a dry run
/// nothing is sent: `batched` says how many events would have been.
///
/// ```json
/// {"considered": 5000, "sent": 4100, "processed": 4090, "failed": 10, "collapsed": 300,
///  "skipped": {"unmatchable": 400, "too_old": 150, "incomplete_purchase": 50}, "requests": 5, ...}
/// ```
public struct ConversionsReport: Sendable, Equatable, Encodable {
    /// Events looked at: new ones, and held ones looked at again.
    public var considered = 0
    /// Events sent and answered (processed + failed).
    public var sent = 0
    /// Events Pinterest processed.
    public var processed = 0
    /// Events Pinterest failed, with their reasons in ``failures``.
    public var failed = 0
    /// Repeated Add to Cart events collapsed into the one kept.
    public var collapsed = 0
    /// Events not sent, by check.
    public var skipped: [ConversionCheck: Int] = ConversionCheck.zeroCounts
    /// Requests answered by Pinterest.
    public var requests = 0
    /// Events that passed the checks and were put in batches (in a dry run: would have been sent).
    public var batched = 0
    /// Batches of at most 1000 events built.
    public var batches = 0
    /// Held events (unmatchable, incomplete purchases) that this run looked at again.
    public var reconsidered = 0
    /// Events sent despite a check (`incomplete_purchase` with `--allow-incomplete-purchases`).
    public var warnings: [ConversionCheck: Int] = [:]
    /// Pinterest's reasons for failed events, with how many failed for each.
    public var failures: [String: Int] = [:]
    /// Whether this was a dry run: nothing sent, nothing recorded.
    public var dryRun = false
    /// Whether events went with `test=true`: Pinterest records nothing, and neither does segsync.
    public var test = false
    /// The request bodies' bytes, in a dry run.
    public var bytes: Int?
    /// The first events that were held, skipped or failed (at most five of each reason), for a look at why.
    public var issues: [ConversionIssue] = []
    /// How long the run took.
    public var elapsedMilliseconds = 0

    /// The most issues listed.
    static let issueLimit = 20
    /// The most issues listed with one reason.
    static let issuesPerReason = 5

    /// An empty report.
    public init() {}

    /// How many events did not pass `check`.
    public func skipped(_ check: ConversionCheck) -> Int { skipped[check] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case considered, sent, processed, failed, collapsed, skipped, requests, batched, batches, reconsidered,
            warnings, failures, test, bytes, issues
        case dryRun = "dry_run"
        case elapsedMilliseconds = "elapsed_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(considered, forKey: .considered)
        try container.encode(sent, forKey: .sent)
        try container.encode(processed, forKey: .processed)
        try container.encode(failed, forKey: .failed)
        try container.encode(collapsed, forKey: .collapsed)
        try container.encode(Self.byName(skipped), forKey: .skipped)
        try container.encode(requests, forKey: .requests)
        try container.encode(batched, forKey: .batched)
        try container.encode(batches, forKey: .batches)
        try container.encode(reconsidered, forKey: .reconsidered)
        try container.encode(Self.byName(warnings), forKey: .warnings)
        try container.encode(failures, forKey: .failures)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(test, forKey: .test)
        try container.encodeIfPresent(bytes, forKey: .bytes)
        try container.encode(issues, forKey: .issues)
        try container.encode(elapsedMilliseconds, forKey: .elapsedMilliseconds)
    }

    static func byName(_ counts: [ConversionCheck: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }

    /// `considered 5000: sent 4100 (processed 4090, failed 10), collapsed 300, skipped ...`.
    public var text: String {
        var lines = [
            "considered \(considered) events\(reconsidered > 0 ? " (\(reconsidered) held before)" : ""): "
                + (dryRun
                    ? "\(batched) would be sent in \(batches) request\(batches == 1 ? "" : "s") "
                        + "(dry run: nothing sent or recorded)"
                    : "sent \(sent) in \(requests) request\(requests == 1 ? "" : "s")"
                        + (test ? " with test=true (nothing recorded)" : "")
                        + " (processed \(processed), failed \(failed))"),
            "collapsed \(collapsed) repeated Add to Cart; skipped " + ConversionCheck.skippedText(skipped),
        ]
        lines += ConversionCheck.failureLines(failures)
        for issue in issues.prefix(5) {
            lines.append("  \(issue.status) \(issue.event) \(issue.messageID): \(issue.reason)")
        }
        return lines.joined(separator: "\n")
    }
}

/// One event that was held, skipped or failed: which, and why. No personal data: ids and reasons only.
public struct ConversionIssue: Sendable, Equatable, Encodable {
    /// The message's `messageId`.
    public var messageID: String
    /// The Customer.io event name.
    public var event: String
    /// `held`, `skipped` or `failed`.
    public var status: String
    /// The check, or Pinterest's message.
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case event, status, reason
        case messageID = "message_id"
    }
}
