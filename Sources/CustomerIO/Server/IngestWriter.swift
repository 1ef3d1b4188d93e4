import Foundation
import Logging
import ServiceLifecycle
import Store

/// The one owner of the store while the server runs: a dedicated thread that takes every request
/// waiting, stores them all in one transaction (group commit), and only then resumes each request,
/// so a request is answered 200 only once its messages are on disk.
///
/// Requests that arrive while a commit runs wait for the next one, which takes them all together:
/// the more load, the more requests share a commit. SQLite's work and its `fsync` run on this thread,
/// never on the cooperative pool. As a ServiceLifecycle `Service`, it starts with the server and, at
/// graceful shutdown (after the HTTP server has drained), commits what is queued and closes the store.
public final class IngestWriter: Service, @unchecked Sendable {
    // @unchecked: `pending`, `queued`, `state` and `onStopped` are guarded by `condition`; `store` is
    // touched only by the writer thread while it runs, and by `run()` once that thread has ended.
    private let condition = NSCondition()
    private var pending: [Submission] = []
    private var queued = 0
    private var state = State.idle
    private var store: Store?
    private var onStopped: CheckedContinuation<Void, Never>?
    private let metrics: IngestMetrics
    private let maximumQueued: Int
    private let logger: Logger

    private enum State {
        case idle, running, stopping, stopped
    }

    private struct Submission {
        var items: [IngestItem]
        var continuation: CheckedContinuation<IngestCounts, any Error>
    }

    /// Takes ownership of `store`; nothing else may use it afterwards.
    ///
    /// - Parameters:
    ///   - maximumQueued: messages waiting beyond which ``submit(_:)`` refuses with a 503.
    public init(store: Store, metrics: IngestMetrics, maximumQueued: Int = 200_000, logger: Logger) {
        self.store = store
        self.metrics = metrics
        self.maximumQueued = maximumQueued
        self.logger = logger
    }

    /// Stores `items` with whatever else is waiting, and returns once they are committed.
    ///
    /// - Throws: a 503 ``IngestHTTPError`` when the writer is stopping, too far behind, or the store
    ///   failed (the clients retry a 503; nothing of this request was committed).
    func submit(_ items: [IngestItem]) async throws(IngestHTTPError) -> IngestCounts {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                condition.lock()
                defer { condition.unlock() }
                guard state == .idle || state == .running else {
                    continuation.resume(throwing: IngestHTTPError.unavailable("the server is shutting down"))
                    return
                }
                guard queued < maximumQueued else {
                    continuation.resume(
                        throwing: IngestHTTPError.unavailable(
                            "the server is behind: \(queued) messages are waiting to be stored; retry shortly"))
                    return
                }
                pending.append(Submission(items: items, continuation: continuation))
                queued += items.count
                condition.signal()
            }
        } catch let error as IngestHTTPError {
            throw error
        } catch {
            throw .unavailable("the store failed")
        }
    }

    /// Messages waiting for a commit.
    public var queuedMessages: Int { condition.withLock { queued } }

    /// True while requests are accepted.
    public var isAccepting: Bool { condition.withLock { state == .idle || state == .running } }

    /// Starts the writer thread, waits for graceful shutdown, then commits what is queued and closes
    /// the store.
    public func run() async throws {
        condition.withLock { if state == .idle { state = .running } }
        let thread = Thread { [self] in writeUntilStopped() }
        thread.name = "segsync-writer"
        thread.start()
        try? await gracefulShutdown()
        stop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.withLock {
                if state == .stopped { continuation.resume() } else { onStopped = continuation }
            }
        }
        condition.withLock { store = nil }
        logger.info("ingest.writer.stopped")
    }

    /// Stops accepting; the thread commits what is queued, then ends.
    func stop() {
        condition.withLock {
            if state == .running || state == .idle { state = .stopping }
            condition.broadcast()
        }
    }

    private func writeUntilStopped() {
        // From the start, not at the first request: no bulk load may drop the index of message ids while the
        // server runs (one already running makes this wait, and requests queue until it ends).
        holdWriterLock(of: store)
        while true {
            condition.lock()
            while pending.isEmpty && state == .running { condition.wait() }
            if pending.isEmpty {
                state = .stopped
                let continuation = onStopped
                onStopped = nil
                condition.unlock()
                continuation?.resume()
                return
            }
            let batch = pending
            pending = []
            condition.unlock()
            commit(batch)
            condition.withLock { queued -= batch.reduce(0) { $0 + $1.items.count } }
        }
    }

    /// Commits the submissions together; when that fails, each alone, so one bad request cannot
    /// fail the others.
    private func commit(_ batch: [Submission]) {
        guard let store else {
            for submission in batch {
                submission.continuation.resume(throwing: IngestHTTPError.unavailable("no store"))
            }
            return
        }
        let started = ContinuousClock.now
        do {
            let counts = try store.ingest(groups: batch.map(\.items))
            metrics.recordCommit(seconds: Self.seconds(since: started))
            for (submission, counts) in zip(batch, counts) { submission.continuation.resume(returning: counts) }
        } catch {
            logger.error(
                "ingest.commit.failed",
                metadata: [
                    "ingest.requests": "\(batch.count)", "ingest.error": "\(error)",
                ])
            reopen(store)
            if batch.count > 1 {
                for submission in batch { commit([submission]) }
            } else {
                for submission in batch {
                    submission.continuation.resume(throwing: IngestHTTPError.unavailable("the store failed: \(error)"))
                }
            }
        }
    }

    /// Replaces the store after a failed transaction: a fresh connection holds no state (cached
    /// identities, prepared statements) from the work that was rolled back.
    private func reopen(_ failed: Store) {
        do {
            store = try Store.open(path: failed.path, durability: .disk, logger: logger)
            holdWriterLock(of: store)
        } catch {
            logger.error("ingest.store.reopen.failed", metadata: ["ingest.error": "\(error)"])
            store = nil
        }
    }

    private func holdWriterLock(of store: Store?) {
        do {
            try store?.holdWriterLock()
        } catch {
            logger.error("ingest.store.lock.failed", metadata: ["ingest.error": "\(error)"])
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
