import Foundation

/// An exclusive lock that lets only one sync run against a store at a time.
///
/// It is an advisory `flock` on a file beside the store (`STORE.sync-lock`), so the operating
/// system releases it when the process ends, however it ends.
public final class SyncLock {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock, or throws ``SyncLockError`` at once when another process holds it.
    public init(store path: String) throws {
        self.path = path + ".sync-lock"
        descriptor = open(self.path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw SyncLockError(path: self.path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: self.path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            // No close here: the init has set every property, so throwing runs deinit, which closes it.
            throw SyncLockError(path: self.path, reason: "another sync is running against this store"
                + (holder.map { $0.isEmpty ? "" : " (\($0))" } ?? ""))
        }
        let note = "pid \(getpid()) since \(Timestamp.format(Store.wallClockMillis()))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The sync lock could not be taken.
public struct SyncLockError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot sync: \(reason); lock file \(path)" }
}
