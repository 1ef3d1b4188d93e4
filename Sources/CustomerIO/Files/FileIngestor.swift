import Foundation
import Store

/// Ingests NDJSON files of Data Pipelines messages (`.gz` or plain, `-` for standard input).
///
/// One thread reads and decodes while the caller's thread writes the batches it hands over, in
/// transactions of ``commitEvery`` messages; memory stays bounded by a few batches whatever the file size.
///
///     let counts = try FileIngestor(store: store).ingest(paths: ["messages.ndjson.gz"])
public struct FileIngestor {
    /// Messages decoded and handed to the writer at a time.
    public var batchSize = 2000
    /// Messages written per transaction: fewer commits rewrite fewer pages (the pages of the indexes
    /// that random keys touch are written again at every commit). 200,000 was 15% faster than 50,000 on
    /// the ingest benchmark; larger gained nothing, as the page cache then spills within a transaction.
    public var commitEvery = 200_000
    /// The fewest messages (as ``expectedMessages(_:)`` estimates them) a load needs for a bulk load
    /// (``Store/beginBulkLoad(expectedMessages:minimum:)``), which drops the query indexes and the index of
    /// message ids while it writes and builds them again at the end. `Int.max` never bulk-loads.
    public var bulkLoadMinimum = 50_000
    /// Called on the reading thread about twice a second with a one-line progress text.
    public var progress: (@Sendable (String) -> Void)?
    let store: Store

    public init(store: Store, progress: (@Sendable (String) -> Void)? = nil) {
        self.store = store
        self.progress = progress
    }

    /// Ingests the files in order and returns what happened to their messages.
    ///
    /// - Throws: ``IngestFileError`` when a file cannot be opened or read at all (checked for all files
    ///   before any is read); ``PartialIngestError`` when reading fails part-way (a read error, corrupt
    ///   or truncated gzip data), with the counts of what came before, which is kept; store errors.
    public func ingest(paths: [String]) throws -> IngestCounts {
        try ingestReporting(paths: paths).counts
    }

    /// What a file ingest did: its counts, and its bulk load when it made one.
    public struct Report: Sendable {
        public var counts: IngestCounts
        /// The indexes a bulk load dropped and built again; empty when the load kept them.
        public var rebuiltIndexes: [String] = []
        /// How long building them again took, in seconds.
        public var rebuildSeconds: Double?
    }

    /// ``ingest(paths:)``, also saying whether it was a bulk load.
    public func ingestReporting(paths: [String]) throws -> Report {
        var sources: [(String, ByteSource)] = []
        for path in paths {
            do {
                sources.append((path, try ByteSource(path: path)))
            } catch {
                throw IngestFileError(path: path, reason: error.reason)
            }
        }
        let expected = sources.reduce(0) { $0 + Self.expectedMessages($1.1) }
        let bulkLoad = try store.beginBulkLoad(expectedMessages: expected, minimum: bulkLoadMinimum)
        var counts = IngestCounts()
        do {
            for (path, source) in sources {
                counts += try ingest(source, named: path)
            }
        } catch {
            // What was committed needs its indexes; the load's own error is the one to report.
            _ = try? bulkLoad?.finish()
            throw error
        }
        var report = Report(counts: counts)
        if let bulkLoad {
            progress?("ingest: \(counts.read) messages; building the query indexes again after the bulk load")
            report.rebuildSeconds = try bulkLoad.finish()
            report.rebuiltIndexes = bulkLoad.indexes
        }
        return report
    }

    /// About how many messages a source holds, from its size: a plain file's bytes over 1,000 (the demo's
    /// messages average 480 bytes, the official client's with a full context 700 to 900), a gzip file's
    /// over 150; nothing for standard input. It only decides whether a load is large enough for a bulk load.
    static func expectedMessages(_ source: ByteSource) -> Int {
        guard let size = source.fileSize else { return 0 }
        return Int(size / (source.isCompressed ? 150 : 1000))
    }

    private enum Chunk: Sendable {
        case items([IngestItem])
        case failed(IngestFileError)
    }

    private func ingest(_ source: ByteSource, named path: String) throws -> IngestCounts {
        let queue = BlockingQueue<Chunk>(capacity: 4)
        let spent = SpentChunks()
        let reader = UncheckedBox((source, LineReader(source: source)))
        let decoder = MessageDecoder(source: path == "-" ? "-" : URL(fileURLWithPath: path).lastPathComponent)
        let batchSize = batchSize
        let progress = progress
        let thread = Thread {
            let (source, lines) = reader.value
            var items: [IngestItem] = []
            items.reserveCapacity(batchSize)
            var messages = 0
            let started = Date()
            var lastReport = started
            do {
                try lines.forEachLine { line, number, tooLong in
                    if tooLong {
                        let raw = String(decoding: line.prefix(65_536), as: UTF8.self)
                        items.append(.rejected(Rejection(
                            source: decoder.source, line: number,
                            reason: "the line is longer than \(LineReader.maximumLineLength >> 20) MiB", raw: raw)))
                    } else if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                        decoder.decode(line, line: number, into: &items)
                    }
                    if items.count >= batchSize {
                        messages += items.count
                        guard queue.put(.items(items)) else { throw CancellationError() }
                        items.removeAll(keepingCapacity: true)
                        spent.release()
                        if let progress, Date().timeIntervalSince(lastReport) > 0.5 {
                            lastReport = Date()
                            progress(Self.progressLine(path: path, source: source, messages: messages, since: started))
                        }
                    }
                }
                if !items.isEmpty { queue.put(.items(items)) }
            } catch let error as IngestFileError {
                if !items.isEmpty { queue.put(.items(items)) }
                let reason = "\(error.reason) after line \(lines.lineNumber)"
                queue.put(.failed(IngestFileError(path: path, reason: reason)))
            } catch {
                // Cancelled by the consumer: nothing more to do.
            }
            queue.close()
        }
        thread.stackSize = 8 << 20
        thread.start()

        var failure: IngestFileError?
        var handedOver: [IngestItem]?
        let counts: IngestCounts
        do {
            counts = try store.ingest(commitEvery: commitEvery) {
                // The store is done with the chunk it had; the reading thread frees it.
                if let chunk = handedOver.take() { spent.keep(chunk) }
                switch queue.take() {
                case .items(let items):
                    handedOver = items
                    return items
                case .failed(let error):
                    failure = error
                    return nil
                case nil: return nil
                }
            }
        } catch {
            queue.close()
            throw error
        }
        if let failure { throw PartialIngestError(counts: counts, underlying: failure) }
        return counts
    }

    static func progressLine(path: String, source: ByteSource, messages: Int, since started: Date) -> String {
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        var line = "ingest: \(messages) messages, \(Int(Double(messages) / seconds))/s"
        if let size = source.fileSize, size > 0 {
            line += ", \(min(100, Int(source.bytesConsumed * 100 / size)))% of \(path)"
        }
        return line
    }
}

/// Chunks the store has written, freed by the reading thread: freeing a chunk's thousands of strings on the
/// writing thread took about 3% of its time, and the reading thread has time to spare.
final class SpentChunks: @unchecked Sendable {
    // @unchecked: `chunks` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var chunks: [[IngestItem]] = []

    /// Keeps a chunk the writer is done with (called on the writing thread).
    func keep(_ chunk: [IngestItem]) {
        lock.lock()
        chunks.append(chunk)
        lock.unlock()
    }

    /// Frees the kept chunks (called on the reading thread).
    func release() {
        lock.lock()
        let released = chunks
        chunks.removeAll(keepingCapacity: true)
        lock.unlock()
        withExtendedLifetime(released) {}
    }
}

/// A file failed part-way; the messages before the failure were stored and are counted here.
public struct PartialIngestError: Error, CustomStringConvertible, Sendable {
    public var counts: IngestCounts
    public var underlying: IngestFileError

    public var description: String {
        "\(underlying.description) (the \(counts.read) messages before it were handled and are kept)"
    }
}

/// Carries non-Sendable reader state into the one thread that uses it.
final class UncheckedBox<Value>: @unchecked Sendable {
    // @unchecked: the value is created on one thread and then used only by the reading thread.
    let value: Value
    init(_ value: Value) { self.value = value }
}
