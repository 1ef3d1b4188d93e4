import Foundation

/// A request to stop, shared between whoever asks (a signal handler, a test) and the sync that honours it
/// between two batches: the batch in flight is finished and recorded, the rest is left for the next run.
///
/// ```swift
/// let stop = StopSignal()
/// source.setEventHandler { Task { await stop.request() } }   // SIGINT, SIGTERM
/// let stopped = await stop.sleep(for: .seconds(900))          // returns early on a request
/// ```
public actor StopSignal {
    private var requested = false
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]

    public init() {}

    /// Whether a stop was requested.
    public var isRequested: Bool { requested }

    /// Asks everyone waiting or running to stop.
    public func request() {
        requested = true
        let pending = waiters.values
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }

    /// Waits `duration`, or less when a stop is requested meanwhile.
    ///
    /// - Returns: true when a stop was requested.
    public func sleep(for duration: Duration) async -> Bool {
        if requested { return true }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await self.waitForRequest() }
            await group.next()
            group.cancelAll()
        }
        return requested
    }

    /// Returns when a stop is requested or the task is cancelled.
    private func waitForRequest() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if requested || Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.release(id) }
        }
    }

    private func release(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
