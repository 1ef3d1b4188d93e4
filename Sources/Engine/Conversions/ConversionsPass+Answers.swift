import Pinterest
import Store

/// Sending a batch, and recording what Pinterest answered and what the run decided.
extension ConversionsPass {
    /// Sends (or, in a dry run, encodes) the batch, and records the answer with the outcomes waiting.
    mutating func flush() async throws {
        guard !batch.isEmpty else { return }
        report.batched += batch.count
        report.batches += 1
        defer {
            batch.removeAll(keepingCapacity: true)
            batchEvents.removeAll(keepingCapacity: true)
            batchJSON.removeAll(keepingCapacity: true)
        }
        guard let client = run.client, !run.options.dryRun else {
            report.bytes = (report.bytes ?? 0) + ConversionBodyEncoder.body(joining: batchJSON).count
            return
        }
        let answer: ConversionEventsResponse
        do {
            answer = try await send(batchEvents, with: client)
        } catch {
            try? record()
            throw error
        }
        report.requests += 1
        for (index, pending) in batch.enumerated() {
            guard index < answer.events.count else {
                lowestUndecided = min(lowestUndecided ?? pending.eventID, pending.eventID)
                continue
            }
            let status = answer.events[index]
            report.sent += 1
            var warning = pending.warning?.rawValue
            if let message = status.warningMessage, !message.isEmpty { warning = message }
            var recorded = ConversionOutcome(
                eventID: pending.eventID, conversion: pending.conversion.rawValue, pinterestID: pending.pinterestID,
                status: .processed, warning: warning, product: pending.product, timestamp: pending.timestamp
            )
            switch status.status {
            case .processed:
                report.processed += 1
            case .failed:
                let reason = status.errorMessage.flatMap { $0.isEmpty ? nil : $0 } ?? "failed without a reason"
                report.failed += 1
                report.failures[reason, default: 0] += 1
                note(pending.messageID, pending.name, status: "failed", reason: reason)
                recorded.status = .failed
                recorded.reason = reason
            }
            if records { outcomes.append(recorded) }
        }
        try record()
    }

    /// Sends one batch. The client retries what Pinterest answers with 429 or 5xx, timeouts and dropped
    /// connections; a failure it does not retry because it cannot tell what happened (FoundationNetworking's
    /// `URLError.unknown` on a loopback POST, now and then) is tried twice more here: resending a batch is safe,
    /// Pinterest deduplicates on `event_id`.
    private func send(_ events: [ConversionEvent], with client: PinterestClient) async throws
        -> ConversionEventsResponse
    {
        var resends = 0
        while true {
            do {
                return try await client.sendConversionEvents(events, test: run.options.test)
            } catch let error as PinterestError where error.kind == .transport && resends < 2 {
                resends += 1
                run.logger.info("conversions.resend", metadata: ["conversions.resends": "\(resends)"])
                try await Task.sleep(for: .milliseconds(50 * resends))
            }
        }
    }

    /// Queues an outcome, writing the queue when it is long (a run over history skips many events between two
    /// batches).
    mutating func keep(_ outcome: ConversionOutcome) throws {
        outcomes.append(outcome)
        if outcomes.count >= 5000 { try record() }
    }

    /// Writes the outcomes waiting, when this run records.
    mutating func record() throws {
        if let runID, records { try store.recordConversionOutcomes(outcomes, run: runID, at: Store.wallClockMillis()) }
        outcomes.removeAll(keepingCapacity: true)
    }

    /// Lists the event among the report's issues: at most a few of each reason, so that one common reason
    /// (too_old, after a first run over history) does not hide the others.
    mutating func note(_ messageID: String, _ name: String, status: String, reason: String) {
        guard report.issues.count < ConversionsReport.issueLimit,
            issuesByReason[reason, default: 0] < ConversionsReport.issuesPerReason
        else { return }
        issuesByReason[reason, default: 0] += 1
        report.issues.append(ConversionIssue(messageID: messageID, event: name, status: status, reason: reason))
    }
}
