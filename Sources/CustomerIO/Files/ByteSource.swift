import Foundation

/// Where ingest reads bytes from: a file or standard input, gunzipped on the fly when the data
/// starts with the gzip magic bytes (so `.gz` files and gzip on stdin both work).
final class ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var raw: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var endOfFile = false
    private var inflater: Inflater?
    /// Compressed or plain bytes consumed so far, for progress.
    private(set) var bytesConsumed: Int64 = 0

    /// The size of the file in bytes, when it is a regular file.
    private(set) var fileSize: Int64?

    /// Opens `path` (`-` for standard input).
    init(path: String, chunkSize: Int = 1 << 20) throws(IngestFileError) {
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            descriptor = Foundation.open(path, O_RDONLY)
            guard descriptor >= 0 else { throw IngestFileError(path: path, reason: String(cString: strerror(errno))) }
            ownsDescriptor = true
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                Foundation.close(descriptor)
                throw IngestFileError(path: path, reason: "is a directory")
            }
            if (info.st_mode & S_IFMT) == S_IFREG { fileSize = Int64(info.st_size) }
        }
        raw = [UInt8](repeating: 0, count: chunkSize)
        do {
            try fillRaw()
        } catch {
            if ownsDescriptor { Foundation.close(descriptor) }
            throw IngestFileError(path: path, reason: error.reason)
        }
        if rawEnd - rawStart >= 2, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B {
            inflater = Inflater()
        }
    }

    deinit { if ownsDescriptor { Foundation.close(descriptor) } }

    /// True when the data is gzip.
    var isCompressed: Bool { inflater != nil }

    /// Reads more raw bytes. A failing read is an error, never taken for the end of the data: a file
    /// cut short by an I/O error must not look like a complete one.
    private func fillRaw() throws(IngestFileError) {
        if rawStart > 0 && rawStart == rawEnd {
            rawStart = 0
            rawEnd = 0
        }
        guard !endOfFile, rawEnd < raw.count else { return }
        while true {
            let (count, error) = raw.withUnsafeMutableBytes { buffer -> (Int, Int32) in
                guard let base = buffer.baseAddress else { return (0, 0) }
                let count = Foundation.read(descriptor, base + rawEnd, buffer.count - rawEnd)
                return (count, count < 0 ? errno : 0)
            }
            if count > 0 {
                rawEnd += count
            } else if count == 0 {
                endOfFile = true
            } else if error == EINTR {
                continue
            } else {
                throw IngestFileError(path: "", reason: "reading failed: \(String(cString: strerror(error)))")
            }
            return
        }
    }

    /// Reads up to `buffer.count` decoded bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestFileError) -> Int {
        guard let inflater else {
            if rawStart == rawEnd { try fillRaw() }
            let count = min(buffer.count, rawEnd - rawStart)
            guard count > 0 else { return 0 }
            raw.withUnsafeBytes { source in
                guard let base = source.baseAddress else { return }
                buffer.baseAddress?.copyMemory(from: base + rawStart, byteCount: count)
            }
            rawStart += count
            bytesConsumed += Int64(count)
            return count
        }
        while true {
            if rawStart == rawEnd { try fillRaw() }
            let available = rawEnd - rawStart
            let result = raw.withUnsafeMutableBytes { source in
                inflater.inflate(
                    input: UnsafeMutableRawBufferPointer(rebasing: source[rawStart..<rawEnd]), output: buffer)
            }
            switch result {
            case .failure(let reason):
                throw IngestFileError(path: "", reason: "gzip data is corrupt: \(reason)")
            case .success(let consumed, let produced):
                rawStart += consumed
                bytesConsumed += Int64(consumed)
                if produced > 0 { return produced }
                if available == 0 && endOfFile {
                    if inflater.midStream {
                        throw IngestFileError(path: "", reason: "gzip data ends early (truncated file)")
                    }
                    return 0
                }
            }
        }
    }
}

/// A file that could not be read.
public struct IngestFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "cannot read \(path): \(reason)" }
}
