import Foundation
import SegsyncTesting

/// Runs `segsync` in a directory with an environment, off Swift's cooperative threads (the stand-in's actor needs
/// them while a command waits for it).
struct SyncShell: Sendable {
    let directory: TemporaryDirectory
    var environment: [String: String]

    func run(_ arguments: String...) async throws -> CommandRunner.Result {
        let (directory, environment) = (self.directory, self.environment)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try CommandRunner.run(arguments, directory: directory.url, environment: environment)
                })
            }
        }
    }

    /// A `segsync` process left running, whose output is read as it comes.
    final class Background: @unchecked Sendable {
        // @unchecked: `output` and `errors` are only touched while holding `lock`; the rest is immutable.
        private let process = Process()
        private let lock = NSLock()
        private var output = Data()
        private var errors = Data()

        init(_ shell: SyncShell, _ arguments: [String]) throws {
            process.executableURL = CommandRunner.executable
            process.arguments = arguments
            process.currentDirectoryURL = shell.directory.url
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "SEGSYNC_DB")
            for (key, value) in shell.environment { environment[key] = value }
            process.environment = environment
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.output.append(data) }
            }
            stderr.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.errors.append(data) }
            }
            try process.run()
        }

        /// The first line of standard output, once it is complete (at most a minute).
        func firstLine() async throws -> String {
            for _ in 0..<600 {
                let text = lock.withLock { String(decoding: output, as: UTF8.self) }
                if let end = text.firstIndex(of: "\n") { return String(text[..<end]) }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            return lock.withLock { String(decoding: output, as: UTF8.self) + String(decoding: errors, as: UTF8.self) }
        }

        func signal(_ number: Int32) {
            kill(process.processIdentifier, number)
        }

        /// Waits for the end (at most a minute, then kills it) and returns what it printed.
        func wait() async throws -> (status: Int32, stdout: String, stderr: String) {
            for _ in 0..<600 where process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try await Task.sleep(for: .milliseconds(100))
            return lock.withLock {
                (process.terminationStatus, String(decoding: output, as: UTF8.self),
                 String(decoding: errors, as: UTF8.self))
            }
        }
    }
}
