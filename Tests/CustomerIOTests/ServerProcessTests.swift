import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
@testable import Store
import Testing

/// The built `segsync serve` binary as a child process: killed with SIGKILL mid-load, every message
/// it answered 200 for is in the store; stopped with SIGTERM mid-load, it drains and exits 0.
@Suite(.serialized) struct ServerProcessTests {
    static let key = "KILLKEY"

    @Test func everyAcknowledgedMessageSurvivesAKill() async throws {
        let directory = TemporaryDirectory("segsync-kill")
        let server = try await ServeProcess.start(
            database: directory.path("kill.sqlite"), log: directory.path("serve.log"))
        let acknowledged = try await Load.run(port: server.port, stopAfter: 40) {
            kill(server.pid, SIGKILL)
        }
        await server.waitUntilExit()
        #expect(server.terminatedBySignal == SIGKILL)
        #expect(acknowledged.count >= 40 * Load.batchSize)
        let store = try Store.open(path: directory.path("kill.sqlite"))
        let stored = Set(try store.database.query("SELECT message_id FROM messages") { $0.string(0) ?? "" })
        let missing = acknowledged.subtracting(stored)
        #expect(missing.isEmpty, "\(missing.count) acknowledged messages are missing after kill -9")
    }

    @Test func sigtermDrainsCommitsAndExitsZero() async throws {
        let directory = TemporaryDirectory("segsync-term")
        let server = try await ServeProcess.start(
            database: directory.path("term.sqlite"), log: directory.path("serve.log"))
        let acknowledged = try await Load.run(port: server.port, stopAfter: 20) {
            kill(server.pid, SIGTERM)
        }
        await server.waitUntilExit()
        #expect(server.exitStatus == 0)
        let log = (try? String(contentsOfFile: directory.path("serve.log"), encoding: .utf8)) ?? ""
        #expect(log.contains("segsync serve: stopped after"))
        let store = try Store.open(path: directory.path("term.sqlite"))
        let stored = Set(try store.database.query("SELECT message_id FROM messages") { $0.string(0) ?? "" })
        #expect(acknowledged.count >= 20 * Load.batchSize)
        #expect(acknowledged.isSubset(of: stored))
    }
}

/// `segsync serve` started from the build folder on a free loopback port.
final class ServeProcess: @unchecked Sendable {
    // @unchecked: `process` is only read after start; Foundation's Process is thread-safe for that.
    private let process: Process
    let port: Int

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts `segsync serve --port 0` and waits for the line that names its port.
    static func start(database: String, log: String) async throws -> ServeProcess {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["serve", "--db", database, "--port", "0", "--write-key", ServerProcessTests.key]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Give up after about 60 seconds, or as soon as it exits.
        for _ in 0..<600 where process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:"),
                let port = Int(text[range.upperBound...].prefix { $0.isNumber })
            {
                return ServeProcess(process: process, port: port)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw HarnessError(description: "segsync serve did not start: \(text)")
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var pid: Int32 { process.processIdentifier }

    /// Waits for the process to end, on a thread of its own.
    func waitUntilExit() async {
        await withCheckedContinuation { continuation in
            Thread { [process] in
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
    }

    var exitStatus: Int32? { process.terminationReason == .exit ? process.terminationStatus : nil }

    var terminatedBySignal: Int32? { process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil }

    /// The `segsync` executable beside this test bundle (`.build/<triple>/debug/`), or `$SEGSYNC_BINARY`.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SEGSYNC_BINARY"] { return URL(fileURLWithPath: path) }
        let candidates = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.resolvingSymlinksInPath().deletingLastPathComponent() }
        for folder in candidates {
            for up in [
                folder, folder.deletingLastPathComponent(),
                folder.deletingLastPathComponent().deletingLastPathComponent(),
            ] {
                let binary = up.appendingPathComponent("segsync")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDirectory),
                    !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: binary.path)
                {
                    return binary
                }
            }
        }
        throw HarnessError(
            description: "no segsync binary beside the tests (\(candidates.map(\.path))); "
                + "build the package (swift build) or set SEGSYNC_BINARY")
    }
}

/// Four connections sending batches of unique messages until told to stop; returns the messageIds
/// answered 200.
enum Load {
    static let batchSize = 50
    static let workers = 4
    static let maximumBatchesPerWorker = 2000

    /// Runs the load; once `stopAfter` batches are acknowledged, calls `interrupt` (a kill) and waits
    /// for the workers to notice the server is gone.
    static func run(port: Int, stopAfter: Int, interrupt: @escaping @Sendable () -> Void) async throws -> Set<String> {
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    try? await TestClient.withClient(
                        host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(30))
                    ) { client in
                        for batch in 0..<maximumBatchesPerWorker {
                            let ids = (0..<batchSize).map { "load-\(worker)-\(batch)-\($0)" }
                            let body = Requests.batch(
                                ids.map { Message.track("Product Viewed", user: "u\(worker)", id: $0) })
                            let response = try await client.post(
                                "/v1/batch",
                                headers: Requests.headers(authorization: Requests.basic(ServerProcessTests.key)),
                                body: ByteBuffer(string: body))
                            if response.status == .ok { await tally.add(ids) }
                        }
                    }
                    await tally.finishWorker()
                }
            }
            group.addTask {
                while await !tally.isDone(after: stopAfter, workers: workers) {
                    try? await Task.sleep(for: .milliseconds(2))
                }
                interrupt()
            }
        }
        return await tally.acknowledged
    }

    actor Tally {
        var acknowledged: Set<String> = []
        var batches = 0
        var finished = 0

        func add(_ ids: [String]) {
            acknowledged.formUnion(ids)
            batches += 1
        }

        func finishWorker() { finished += 1 }

        func isDone(after stopAfter: Int, workers: Int) -> Bool { batches >= stopAfter || finished == workers }
    }
}
