import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a ``StopSignal`` request, through `DispatchSource` signal sources.
///
/// The first signal asks the sync to stop after the batch in flight; a second one exits at once with status 130
/// (the ledger is safe either way: it only ever holds acknowledged batches). The default handlers come back when
/// the value goes away.
///
/// ```swift
/// let stop = StopSignal()
/// let signals = SignalStop(stop: stop) { Output.note("stopping after the batch in flight") }
/// defer { signals.cancel() }
/// ```
public final class SignalStop {
    private var sources: [any DispatchSourceSignal] = []
    private static let signals = [SIGINT, SIGTERM]

    /// Starts watching; `onFirst` is called once, on the first signal.
    public init(stop: StopSignal, onFirst: @escaping @Sendable () -> Void = {}) {
        let received = SignalCount()
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if received.increment() > 1 { exit(130) }
                onFirst()
                Task { await stop.request() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops watching and restores the default handlers.
    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in Self.signals { signal(number, SIG_DFL) }
    }

    deinit { cancel() }
}

/// How many signals arrived.
///
/// `@unchecked Sendable`: `count` is only touched while holding `lock` (an `NSLock`, as `Mutex` needs macOS 15).
private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
