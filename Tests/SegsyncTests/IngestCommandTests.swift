import Foundation
import SegsyncTesting
import Testing

@Suite struct IngestCommandTests {
    @Test func ingestPrintsTheContractAndKeepsRejections() throws {
        let directory = TemporaryDirectory()
        let file = try directory.write("feed.ndjson", [
            Message.track("Add to Cart", user: "u1", id: "m1"),
            Message.track("Add to Cart", user: "u1", id: "m1"),
            "{broken",
            "{\"batch\": [\(Message.track("Product Viewed", anonymous: "a1", id: "m2")), "
                + "\(Message.identify(user: "u1", anonymous: "a1", id: "m3", traits: "{\"ltv\": 5}"))]}",
        ].joined(separator: "\n"))
        let result = try CommandRunner.run(["ingest", "--db", directory.path("s.sqlite"), "--json", file])
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["read"] as? Int == 5)
        #expect(json["stored"] as? Int == 3)
        #expect(json["duplicates"] as? Int == 1)
        #expect(json["rejected"] as? Int == 1)
        let rejections = json["rejections"] as? [[String: Any]]
        #expect(rejections?.first?["line"] as? Int == 3)
        #expect(rejections?.first?["source"] as? String == "feed.ndjson")
        #expect(!result.stdout.contains("\n{"))
    }

    @Test func strictExitsOneOnRejections() throws {
        let directory = TemporaryDirectory()
        let file = try directory.write("bad.ndjson", "not json\n")
        let db = directory.path("s.sqlite")
        #expect(try CommandRunner.run(["ingest", "--db", db, file]).status == 0)
        let strict = try CommandRunner.run(["ingest", "--db", db, "--strict", file])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("rejected bad.ndjson:1: bad JSON at byte 1"))
    }

    @Test func standardInputAndTheEnvironmentStore() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("env.sqlite")
        let result = try CommandRunner.run(
            ["ingest", "--json", "-"], stdin: Message.track("A", user: "u", id: "x") + "\n",
            environment: ["SEGSYNC_DB": db])
        #expect(result.status == 0)
        #expect(try result.json()["stored"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: db))
    }

    @Test func aMissingFileIsAClearErrorNotACrash() throws {
        let directory = TemporaryDirectory()
        let result = try CommandRunner.run(["ingest", "--db", directory.path("s.sqlite"), directory.path("nope.ndjson")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Error: cannot read \(directory.path("nope.ndjson")): No such file or directory"))
    }

    @Test func noFilesIsAUsageError() throws {
        let result = try CommandRunner.run(["ingest"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Name at least one file"))
    }

    @Test func demoWritesDeterministicData() throws {
        let directory = TemporaryDirectory()
        let args = ["demo", "--people", "50", "--now", "2026-11-29T12:00:00Z", "--output"]
        #expect(try CommandRunner.run(args + [directory.path("a.ndjson")]).status == 0)
        #expect(try CommandRunner.run(args + [directory.path("b.ndjson")]).status == 0)
        let first = try Data(contentsOf: directory.url.appendingPathComponent("a.ndjson"))
        #expect(first == (try Data(contentsOf: directory.url.appendingPathComponent("b.ndjson"))))
        #expect(first.count > 10_000)
    }

    @Test func demoRebuildsItsOwnStoreAndRefusesAnyOtherFile() throws {
        let directory = TemporaryDirectory()
        let args = ["demo", "--people", "20", "--now", "2026-11-29T12:00:00Z", "--no-sync", "--db"]
        let store = directory.path("demo.sqlite")
        #expect(try CommandRunner.run(args + [store]).status == 0)
        let again = try CommandRunner.run(args + [store])
        #expect(again.status == 0, "\(again.stderr)")

        let notes = try directory.write("notes.sqlite", "someone's notes\n")
        let refused = try CommandRunner.run(args + [notes])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(notes) exists and was not made by `segsync demo`"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "someone's notes\n")

        let otherStore = directory.path("other.sqlite")
        let messages = try directory.write("real.ndjson", Message.track("Add to Cart", user: "u1", id: "m-1") + "\n")
        #expect(try CommandRunner.run(["ingest", "--db", otherStore, messages]).status == 0)
        let store2 = try CommandRunner.run(args + [otherStore])
        #expect(store2.status == 1)
        #expect(store2.stderr.contains("\(otherStore) exists and was not made by `segsync demo`"))
        let inspected = try CommandRunner.run(["inspect", "--db", otherStore, "--json"])
        #expect(inspected.stdout.contains("\"events\":1,") && inspected.stdout.contains("\"messages\":1,"))
        let sibling = try directory.write("fresh.ndjson", "{}\n")
        let beside = try CommandRunner.run(args + [directory.path("fresh.sqlite")])
        #expect(beside.status == 1)
        #expect(beside.stderr.contains("\(sibling) exists and was not made by `segsync demo`"))
        #expect(try String(contentsOfFile: sibling, encoding: .utf8) == "{}\n")
    }

    @Test func aFileThatCannotBeWrittenIsAFailureNotAUsageError() throws {
        let directory = TemporaryDirectory()
        let result = try CommandRunner.run(
            ["demo", "--people", "5", "--output", directory.path("missing-folder/demo.ndjson")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot create \(directory.path("missing-folder/demo.ndjson"))"))
        #expect(!result.stderr.contains("USAGE"))
    }
}
