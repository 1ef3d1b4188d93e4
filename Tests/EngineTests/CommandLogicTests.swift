import Engine
import Foundation
import SegsyncTesting
import Testing

/// What the commands decide, now that it lives outside the CLI: files replaced only once complete, the
/// write keys and the webhook secret, where the conversions file is looked for.
@Suite struct CommandLogicTests {
    @Test func anOutputFileReplacesItsPathOnlyOnCommit() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("export.csv")
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let file = try OutputFile(replacing: path)
            try withExtendedLifetime(file) {
                try file.write("new, half written")
                #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
                #expect(FileManager.default.fileExists(atPath: path + ".partial"))
            }
        }
        // Dropped without commit, as a failed run drops it: the old file stays, the partial one goes.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        let file = try OutputFile(replacing: path)
        try file.write(String(repeating: "x", count: 100_000))
        try file.write("\n")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8).count == 100_001)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    /// A pipe or a device is written through, not replaced: `--output /dev/stdout` works as it always did.
    @Test func anOutputFileWritesThroughAPipe() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader reads to the end, so the writer never writes into a closed pipe (SIGPIPE).
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            let data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            received.set(String(decoding: data, as: UTF8.self))
            done.signal()
        }
        reader.start()
        do {
            let file = try OutputFile(replacing: fifo)
            try file.write("through\n")
            try file.commit()
            #expect(!FileManager.default.fileExists(atPath: fifo + ".partial"))
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(received.get() == "through\n")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    /// What the reader thread read.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func set(_ value: String) { lock.withLock { text = value } }
        func get() -> String { lock.withLock { text } }
    }

    @Test func anOutputFileInAMissingFolderSaysWhatToCheck() {
        let path = TemporaryDirectory().path("missing-folder/export.csv")
        do {
            _ = try OutputFile(replacing: path)
            Issue.record("created \(path)")
        } catch {
            #expect(error.description.hasPrefix("cannot create \(path): "))
            #expect(error.description.hasSuffix("check that its folder exists and that you may write there"))
        }
    }

    @Test func writeKeysComeFromTheFlagsAndTheEnvironmentEachOnce() {
        let keys = IngestServerConfiguration.writeKeys(
            flags: [" key-a ", "key-b", ""], environment: ["SEGSYNC_WRITE_KEYS": "key-b, key-c,,key-a"])
        #expect(keys == ["key-a", "key-b", "key-c"])
        #expect(IngestServerConfiguration.writeKeys(flags: [], environment: [:]).isEmpty)
    }

    @Test func theWebhookSecretOfTheFlagWinsAndAnEmptyOneIsNone() {
        let environment = ["SEGSYNC_WEBHOOK_SECRET": "from-env"]
        #expect(IngestServerConfiguration.webhookSecret(flag: "from-flag", environment: environment) == "from-flag")
        #expect(IngestServerConfiguration.webhookSecret(flag: nil, environment: environment) == "from-env")
        #expect(IngestServerConfiguration.webhookSecret(flag: nil, environment: ["SEGSYNC_WEBHOOK_SECRET": ""]) == nil)
        #expect(IngestServerConfiguration.webhookSecret(flag: nil, environment: [:]) == nil)
    }

    @Test func theConversionsFileNamedWinsOverTheEnvironment() throws {
        let directory = TemporaryDirectory()
        let named = directory.path("named.yml")
        try "events:\n  Basket Filled: add_to_cart\n".write(toFile: named, atomically: false, encoding: .utf8)
        let missing = directory.path("missing.yml")
        let configuration = try ConversionsConfiguration.locate(
            path: named, environment: ["SEGSYNC_CONVERSIONS": missing])
        #expect(configuration.events["Basket Filled"] == .addToCart)
        #expect(throws: ConversionsConfigurationError.self) {
            try ConversionsConfiguration.locate(path: nil, environment: ["SEGSYNC_CONVERSIONS": missing])
        }
    }
}

@Suite struct InspectReportTests {
    /// A person's attributes print as the JSON they hold, not as Swift's picture of the value.
    @Test func aPersonsAttributesPrintAsJSON() throws {
        let test = try TestStore()
        try test.ingest(
            Message.identify(
                user: "u1", at: 0, traits: #"{"ltv": 420, "email": "pat@example.com", "address": {"city": "Lyon"}}"#),
            Message.track("Add to Cart", user: "u1", at: 1, id: "m-cart"))
        let report = try InspectReport(store: test.store, user: "u1")
        let text = report.text
        #expect(text.contains("  ltv = 420\n"))
        #expect(text.contains(#"  address = {"city":"Lyon"}"#))
        #expect(text.contains("person u1\n"))
        #expect(text.hasSuffix(" Add to Cart m-cart"))
        #expect(try InspectReport(store: test.store, user: "nobody").person == nil)
    }
}
