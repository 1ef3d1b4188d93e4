import Foundation
import Logging

/// Records the waits a client asks for, and returns at once.
public actor SleepRecorder {
    public private(set) var durations: [Duration] = []

    public init() {}

    public func record(_ duration: Duration) {
        durations.append(duration)
    }
}

/// Log lines captured in memory, rendered with their metadata: the tests search them for secrets.
///
/// `@unchecked Sendable`: every access to `lines` holds `lock` (an `NSLock` rather than `Mutex`, which needs
/// macOS 15 while the package supports macOS 14).
public final class LogStore: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    public init() {}

    public func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    public var all: [String] { lock.withLock { lines } }

    /// A logger at trace level writing here (no `LoggingSystem.bootstrap`).
    public func logger(label: String) -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(store: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A log handler writing into a ``LogStore``.
public struct CapturingLogHandler: LogHandler {
    public let store: LogStore
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init(store: LogStore) { self.store = store }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered) \(event.error.map { "\($0)" } ?? "")")
    }
}
