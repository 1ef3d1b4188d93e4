import Foundation

/// A file a command writes (an export, the demo's feed), replaced only once complete: the text goes to
/// `PATH.partial` beside it and ``commit()`` renames that over `PATH`, so a reader never sees half a file
/// and a run that fails leaves `PATH` as it was (and removes the partial file). Without a path it writes
/// to standard output. Writes are buffered in 64 KiB chunks.
///
/// ```swift
/// let file = try OutputFile(replacing: "suppression.csv")
/// try file.write("user_id,email_sha256\n")
/// try file.commit()
/// ```
public final class OutputFile {
    /// The file replaced on commit; nil for standard output.
    public let path: String?
    let handle: FileHandle
    private let partial: String?
    private var buffer = Data()
    private var finished = false

    /// Opens `path.partial` (created or truncated), or standard output when `path` is nil; a `path` that is a
    /// pipe or a device (`/dev/stdout`) is written through instead, as it cannot be replaced.
    ///
    /// - Throws: ``OutputFileError`` when the file cannot be created.
    public init(replacing path: String?) throws(OutputFileError) {
        self.path = path
        if let path, Self.isSpecial(path) {
            // A pipe, a device (`/dev/stdout`) or a socket: written through as it is, as a file cannot replace it.
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let error = errno
                throw OutputFileError(path: path, action: "open", errno: error)
            }
            partial = nil
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else if let path {
            let partial = path + ".partial"
            let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let error = errno
                throw OutputFileError(path: path, action: "create", errno: error)
            }
            self.partial = partial
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            partial = nil
            handle = FileHandle.standardOutput
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether `path` exists and is not a regular file (nor a link to one).
    private static func isSpecial(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) != S_IFREG
    }

    deinit {
        guard !finished, let partial else { return }
        try? handle.close()
        unlink(partial)
    }

    /// Appends `text`.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered, closes the file and puts it in place of `path`.
    ///
    /// - Throws: ``OutputFileError`` when the rename fails; the write's own error when the disk is full.
    public func commit() throws {
        try flush()
        guard let path, let partial else { return }
        finished = true
        do {
            try handle.close()
        } catch {
            unlink(partial)
            throw error
        }
        guard rename(partial, path) == 0 else {
            let error = errno
            unlink(partial)
            throw OutputFileError(path: path, action: "write", errno: error, advice: nil)
        }
    }

    /// Writes the buffer out (for writers that also use ``handle`` directly).
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A file a command could not write.
public struct OutputFileError: Error, CustomStringConvertible, Sendable {
    /// The file.
    public var path: String
    /// What could not be done: `create` (its partial file beside it, in fact) or `write` (the rename over it).
    public var action: String
    /// The system's reason.
    public var reason: String

    /// What to check, when there is advice to give.
    public var advice: String?

    init(
        path: String, action: String, errno: Int32,
        advice: String? = "check that its folder exists and that you may write there"
    ) {
        self.path = path
        self.action = action
        reason = String(cString: strerror(errno))
        self.advice = advice
    }

    public var description: String {
        "cannot \(action) \(path): \(reason)" + (advice.map { "; \($0)" } ?? "")
    }
}
