import Foundation
import SegsyncTesting
import Store
import Testing

@testable import CustomerIO

@Suite struct FileIngestTests {
    func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-f", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// `path` gzipped, then cut in half: a truncated gzip file beside it (`cut.ndjson.gz`).
    func truncatedGzip(of path: String, in directory: TemporaryDirectory) throws -> String {
        try gzip(path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path + ".gz"))
        let cut = directory.path("cut.ndjson.gz")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        return cut
    }

    func lines(_ count: Int, prefix: String) -> String {
        (0..<count).map { Message.track("Product Viewed", user: "u\($0 % 7)", at: Double($0), id: "\(prefix)-\($0)") }
            .joined(separator: "\n") + "\n"
    }

    @Test func plainAndGzipFilesGiveTheSameStore() throws {
        let directory = TemporaryDirectory()
        let plain = try directory.write("plain.ndjson", lines(500, prefix: "p"))
        let zipped = try directory.write("zipped.ndjson", lines(500, prefix: "z"))
        try gzip(zipped)
        let test = try TestStore()
        var ingestor = FileIngestor(store: test.store)
        ingestor.batchSize = 64
        let counts = try ingestor.ingest(paths: [plain, zipped + ".gz"])
        #expect(counts == IngestCounts(read: 1000, stored: 1000))
        #expect(try test.count("SELECT count(*) FROM events") == 1000)
    }

    @Test func concatenatedGzipMembersAreAllRead() throws {
        let directory = TemporaryDirectory()
        let first = try directory.write("a.ndjson", lines(10, prefix: "a"))
        let second = try directory.write("b.ndjson", lines(10, prefix: "b"))
        try gzip(first)
        try gzip(second)
        var joined = try Data(contentsOf: URL(fileURLWithPath: first + ".gz"))
        joined.append(try Data(contentsOf: URL(fileURLWithPath: second + ".gz")))
        let path = directory.path("joined.ndjson.gz")
        try joined.write(to: URL(fileURLWithPath: path))
        let test = try TestStore()
        #expect(try FileIngestor(store: test.store).ingest(paths: [path]).stored == 20)
    }

    @Test func aTruncatedGzipFileKeepsWhatCameBeforeAndSaysSo() throws {
        let directory = TemporaryDirectory()
        let cut = try truncatedGzip(of: directory.write("big.ndjson", lines(20_000, prefix: "t")), in: directory)
        let test = try TestStore()
        var ingestor = FileIngestor(store: test.store)
        ingestor.batchSize = 100
        let error = #expect(throws: PartialIngestError.self) { try ingestor.ingest(paths: [cut]) }
        #expect(error?.description.contains("truncated") == true)
        let kept = try test.count("SELECT count(*) FROM events")
        #expect(kept > 0 && kept < 20_000)
        #expect(kept == error?.counts.stored)
    }

    @Test func lineNumbersBlankLinesAndCRLF() throws {
        let directory = TemporaryDirectory()
        let text = Message.track("A", user: "u", id: "1") + "\r\n\n   \n" + "{oops\r\n" + Message.track("B", user: "u", id: "2")
        let path = try directory.write("mixed.ndjson", text)
        let test = try TestStore()
        let counts = try FileIngestor(store: test.store).ingest(paths: [path])
        #expect(counts == IngestCounts(read: 3, stored: 2, rejected: 1))
        #expect(try test.strings("SELECT source || ':' || line || ' ' || raw FROM rejected") == ["mixed.ndjson:4 {oops"])
    }

    @Test func aMissingFileIsNamedBeforeAnythingIsRead() throws {
        let directory = TemporaryDirectory()
        let good = try directory.write("good.ndjson", lines(3, prefix: "g"))
        let test = try TestStore()
        let error = #expect(throws: IngestFileError.self) {
            try FileIngestor(store: test.store).ingest(paths: [good, directory.path("missing.ndjson")])
        }
        #expect(error?.description.contains("missing.ndjson: No such file or directory") == true)
        #expect(try test.count("SELECT count(*) FROM events") == 0)
    }

    #if os(Linux)
    /// A read that fails is an error, not the end of the file: reading /proc/self/mem at offset 0 fails
    /// with EIO, and before this was taken for an empty file, ingested "successfully".
    @Test func aFailingReadIsAnErrorNotTheEndOfTheFile() throws {
        let test = try TestStore()
        let error = #expect(throws: IngestFileError.self) {
            try FileIngestor(store: test.store).ingest(paths: ["/proc/self/mem"])
        }
        #expect(error?.description == "cannot read /proc/self/mem: reading failed: Input/output error")
    }
    #endif

    @Test func aLastLineWithoutNewlineAndLinesAcrossChunks() throws {
        let directory = TemporaryDirectory()
        var text = lines(3000, prefix: "c")
        text.removeLast()
        let path = try directory.write("chunks.ndjson", text)
        let test = try TestStore()
        #expect(try FileIngestor(store: test.store).ingest(paths: [path]).stored == 3000)
    }
}
