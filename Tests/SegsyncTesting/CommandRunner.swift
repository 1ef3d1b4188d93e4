import Foundation

/// Runs the built `segsync` executable, as a user or a script would.
public enum CommandRunner {
    /// What a run printed and how it ended.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Standard output parsed as one JSON object.
        public func json() throws -> [String: Any] {
            let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            guard let object = value as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "not a JSON object: \(stdout)"])
            }
            return object
        }
    }

    /// The `segsync` executable built beside the test bundle (`.build/<triple>/debug/segsync`).
    public static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundle.appendingPathComponent("segsync"),
            bundle.deletingLastPathComponent().appendingPathComponent("segsync"),
            Bundle.main.bundleURL.appendingPathComponent("segsync"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The variables segsync reads as settings.
    static let settings = [
        "SEGSYNC_DB", "SEGSYNC_CONVERSIONS", "SEGSYNC_BATCH_SIZE", "SEGSYNC_WRITE_KEYS", "SEGSYNC_WEBHOOK_SECRET",
        "SEGSYNC_LOG_LEVEL", "PINTEREST_ACCESS_TOKEN", "PINTEREST_AD_ACCOUNT_ID", "PINTEREST_API_BASE",
    ]

    /// Runs `segsync` with `arguments`, feeding `stdin`, in `directory`.
    public static func run(
        _ arguments: [String], stdin: String? = nil, directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // The developer's own settings never reach the binary: a test passes what it means in `environment`.
        // (SEGSYNC_PINTEREST_REQUEST_LOG stays, so CI checks every request against the spec.)
        var env = ProcessInfo.processInfo.environment
        for key in Self.settings { env.removeValue(forKey: key) }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        let box = OutputBox()
        group.enter()
        DispatchQueue.global().async {
            box.set(err: errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: box.err, as: UTF8.self))
    }
}

private final class OutputBox: @unchecked Sendable {
    // @unchecked: written once on one queue, read after the DispatchGroup wait.
    var err = Data()
    func set(err: Data) { self.err = err }
}
