import Foundation

/// An exclusive lock on a store for one kind of run: one sync at a time, one conversions run at a time (the
/// two kinds run alongside each other).
///
/// It is an advisory `flock` on a file beside the store (`STORE.sync-lock`, `STORE.conversions-lock`), so the
/// operating system releases it when the process ends, however it ends. The holder writes its pid into the
/// file, and a refused run names it.
///
/// ```swift
/// let lock = try StoreLock(store: store.path, for: .sync)
/// defer { withExtendedLifetime(lock) {} }
/// ```
public final class StoreLock {
    /// What the lock keeps to one run at a time.
    public struct Purpose: Sendable {
        /// The lock file's suffix after the store's path.
        let suffix: String
        /// What a refused run could not do (`cannot sync`).
        let action: String
        /// Why, when another process holds the lock.
        let busy: String

        /// Audience syncs: the ledger has one writer.
        public static let sync = Purpose(
            suffix: ".sync-lock", action: "sync", busy: "another sync is running against this store")
        /// Conversions runs: two runs would send the same events.
        public static let conversions = Purpose(
            suffix: ".conversions-lock", action: "send conversions",
            busy: "another conversions run is sending from this store")
        /// Bulk loads: a load that drops indexes holds it exclusively
        /// (``Store/beginBulkLoad(expectedMessages:minimum:)``); every other writer of messages holds it shared
        /// while it writes, so that no load drops the index of message ids under it.
        public static let bulkLoad = Purpose(
            suffix: ".bulk-lock", action: "load in bulk", busy: "a bulk load is running against this store")
    }

    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock, or throws ``StoreLockError`` at once when another process holds it.
    ///
    /// - Parameters:
    ///   - shared: a shared hold, which many may have at once and which keeps out an exclusive one (the
    ///     message writers' hold on the bulk-load lock); the holder's pid is not written.
    ///   - wait: waits for the lock instead of throwing when it is held.
    public init(
        store: String, for purpose: Purpose, shared: Bool = false, wait: Bool = false
    ) throws(StoreLockError) {
        path = store + purpose.suffix
        var opened = open(path, O_RDWR | O_CREAT, 0o644)
        // A shared hold writes nothing: a lock file another user created is enough to read.
        if opened < 0, shared, errno == EACCES { opened = open(path, O_RDONLY) }
        descriptor = opened
        guard descriptor >= 0 else {
            throw StoreLockError(path: path, action: purpose.action, reason: String(cString: strerror(errno)))
        }
        var result: Int32
        repeat {
            result = flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB))
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            guard errno == EWOULDBLOCK else {
                throw StoreLockError(path: path, action: purpose.action, reason: String(cString: strerror(errno)))
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            // No close here: the init has set every property, so throwing runs deinit, which closes it.
            throw StoreLockError(
                path: path, action: purpose.action,
                reason: purpose.busy + (holder.map { $0.isEmpty ? "" : " (\($0))" } ?? ""))
        }
        guard !shared else { return }
        let note = "pid \(getpid()) since \(Timestamp.format(Store.wallClockMillis()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// A store lock could not be taken: `cannot sync: another sync is running against this store (pid 4242 since
/// 2026-11-29T12:00:00.000Z); lock file /srv/segsync.sqlite.sync-lock`.
public struct StoreLockError: Error, CustomStringConvertible, Sendable {
    /// The lock file.
    public var path: String
    /// What could not be done: `sync`, `send conversions`.
    public var action: String
    /// Why.
    public var reason: String
    public var description: String { "cannot \(action): \(reason); lock file \(path)" }
}
