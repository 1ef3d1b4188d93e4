import Foundation

/// An exclusive lock that lets only one conversions run send from a store at a time, so that two runs never
/// send the same events.
///
/// An advisory `flock` on a file beside the store (`STORE.conversions-lock`), released by the operating system
/// when the process ends, however it ends. Audience syncs have their own lock and run alongside.
final class ConversionsLock {
    private let descriptor: Int32
    /// The lock file.
    let path: String

    /// Takes the lock, or throws ``ConversionsLockError`` at once when another process holds it.
    init(store: String) throws {
        path = store + ".conversions-lock"
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw ConversionsLockError(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            // No close here: the init has set every property, so throwing runs deinit, which closes it.
            throw ConversionsLockError(path: path, reason: "another conversions run is sending from this store")
        }
        let note = "pid \(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The conversions lock could not be taken.
public struct ConversionsLockError: Error, Sendable, CustomStringConvertible {
    /// The lock file.
    public var path: String
    /// Why.
    public var reason: String

    /// `cannot send conversions: another conversions run is sending from this store; lock file …`.
    public var description: String { "cannot send conversions: \(reason); lock file \(path)" }
}
