import Foundation
import SegsyncTesting
@testable import Store
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import CustomerIO

/// Identity resolution against ``IdentityModel``: random time-ordered feeds, interleaved across many people,
/// go into the store each way a feed comes in (a file row by row, a bulk load, the HTTP server with several
/// concurrent clients), and every person the store holds must be the person the model holds.
///
/// A failure names its seed; `SEGSYNC_IDENTITY_SEED=N` replays that one seed alone, and
/// `SEGSYNC_IDENTITY_SEEDS=N` runs N seeds a way instead of the default.
///
/// The cases run one at a time, and their ingest and comparison on a thread of their own: a few seconds of
/// SQLite work on Swift's two cooperative threads would starve the servers that other suites time.
@Suite(.serialized) struct IdentityModelTests {

    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["SEGSYNC_IDENTITY_SEED"].flatMap(UInt64.init) { return [seed] }
        let count = environment["SEGSYNC_IDENTITY_SEEDS"].flatMap(Int.init) ?? 24
        return (0..<UInt64(count)).map { 0x5E65_0000 + $0 }
    }()

    /// Every person the store holds, as ``IdentityModel/line`` writes them.
    static func snapshot(_ store: Store) throws -> [String] {
        var identifiers: [Int64: [String]] = [:]
        try store.database.forEach("SELECT kind, value, person_id FROM identities") {
            identifiers[$0.int64(2) ?? 0, default: []].append("\($0.string(0) ?? ""):\($0.string(1) ?? "")")
        }
        var attributes: [Int64: [String]] = [:]
        try store.database.forEach("SELECT person_id, key_norm, key, value, ts FROM attributes") {
            attributes[$0.int64(0) ?? 0, default: []].append(
                "\($0.string(1) ?? "")=\($0.string(2) ?? "")|\($0.string(3) ?? "NULL")|\($0.int64(4) ?? 0)")
        }
        var events: [Int64: [String]] = [:]
        try store.database.forEach("SELECT person_id, message_id, name, ts FROM events") {
            events[$0.int64(0) ?? 0, default: []].append("\($0.string(1) ?? "") \($0.string(2) ?? "") \($0.int64(3) ?? 0)")
        }
        let orphans = Set(identifiers.keys).union(attributes.keys).union(events.keys)
        var lines: [String] = []
        var people: Set<Int64> = []
        try store.database.forEach(
            "SELECT id, user_id, anonymous_id, created_at, deleted_at, email, email_hash, phone FROM people"
        ) { row in
            let id = row.int64(0) ?? 0
            people.insert(id)
            lines.append(IdentityModel.line(
                userId: row.string(1), anonymousId: row.string(2), createdAt: row.int64(3) ?? 0,
                deletedAt: row.int64(4), email: row.string(5), hash: row.string(6), phone: row.string(7),
                identifiers: identifiers[id] ?? [], attributes: attributes[id] ?? [], events: events[id] ?? []))
        }
        for id in orphans.subtracting(people) { lines.append("rows of a person \(id) who does not exist") }
        return lines.sorted()
    }

    /// How the store differs from the model (its people, rejections and stored messages, in full); empty when
    /// they agree.
    static func problems(_ stream: IdentityStream, _ store: Store, way: String) throws -> [String] {
        var model = IdentityModel()
        for message in stream.messages { model.apply(message) }
        let expected = model.snapshot()
        let actual = try snapshot(store)
        let missing = expected.filter { !actual.contains($0) }
        let extra = actual.filter { !expected.contains($0) }
        if expected != actual && missing.isEmpty && extra.isEmpty {
            return ["seed \(stream.seed) (\(way)): the model holds \(expected.count) people, the store \(actual.count)"]
        }
        let malformed = stream.items.count - stream.messages.count
        let replay = "seed \(stream.seed) (\(way)); replay with SEGSYNC_IDENTITY_SEED=\(stream.seed)"
        var problems: [String] = []
        if !missing.isEmpty || !extra.isEmpty {
            problems.append(
                "\(replay): \(missing.count) people differ\nmodel:\n" + missing.prefix(3).joined(separator: "\n")
                    + "\nstore:\n" + extra.prefix(3).joined(separator: "\n"))
        }
        let rejected = try store.database.count("SELECT count(*) FROM rejected")
        if rejected != model.rejected + malformed {
            problems.append("\(replay): \(rejected) rejected, the model \(model.rejected) + \(malformed) malformed")
        }
        let stored = try store.database.count("SELECT count(*) FROM messages")
        if stored != model.stored.count { problems.append("\(replay): \(stored) messages, the model \(model.stored.count)") }
        return problems
    }

    /// Runs `body` on a thread of its own, off the cooperative pool, and returns what it found.
    static func onOwnThread(_ body: @escaping @Sendable () throws -> [String]) async throws -> [String] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[String], any Error>) in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test(arguments: seeds) func aFileRowByRow(seed: UInt64) async throws {
        let problems = try await Self.onOwnThread { try Self.file(seed: seed, bulkLoad: false) }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: seeds) func aBulkLoad(seed: UInt64) async throws {
        let problems = try await Self.onOwnThread { try Self.file(seed: seed, bulkLoad: true) }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The feed as one NDJSON file, ingested row by row or as a bulk load, in small commits.
    static func file(seed: UInt64, bulkLoad: Bool) throws -> [String] {
        let stream = IdentityStream(seed: seed)
        let directory = TemporaryDirectory()
        let path = try directory.write("feed.ndjson", stream.ndjson())
        let store = try Store.open(path: directory.path("feed.sqlite"))
        var ingestor = FileIngestor(store: store)
        ingestor.bulkLoadMinimum = bulkLoad ? 0 : .max
        ingestor.batchSize = bulkLoad ? 64 : 97
        ingestor.commitEvery = bulkLoad ? 300 : 400
        let report = try ingestor.ingestReporting(paths: [path])
        let way = bulkLoad ? "bulk load" : "file, row by row"
        let shape = report.rebuiltIndexes.isEmpty == bulkLoad ? ["seed \(seed) (\(way)): the load was not as asked"] : []
        return try shape + problems(stream, store, way: way)
    }

    /// Four clients at once, each sending its households' messages in order in batches of up to 20 and
    /// waiting for each answer, as Customer.io's clients do.
    @Test(arguments: seeds.prefix(max(1, seeds.count / 3))) func theServerWithConcurrentClients(seed: UInt64) async throws {
        let stream = IdentityStream(seed: seed)
        let harness = ServerHarness()
        let clients = 4
        // A lane is a client's requests: messages in batches of up to 20; a malformed line goes alone (a body
        // that is not JSON is answered 400 and kept as rejected; the lane goes on, as a client drops it).
        var lanes = [[(body: String, malformed: Bool)]](repeating: [], count: clients)
        var pending = [[String]](repeating: [], count: clients)
        func flush(_ lane: Int) {
            if !pending[lane].isEmpty { lanes[lane].append(("[" + pending[lane].joined(separator: ",") + "]", false)) }
            pending[lane] = []
        }
        for (household, item) in stream.items {
            let lane = household % clients
            switch item {
            case .message(let message):
                pending[lane].append(message.json)
                if pending[lane].count == 20 { flush(lane) }
            case .malformed(let line):
                flush(lane)
                lanes[lane].append(("[" + line + "]", true))
            }
        }
        for lane in 0..<clients { flush(lane) }
        let bodies = lanes
        try await harness.withLiveServer { port, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in bodies {
                    group.addTask {
                        let session = URLSession(configuration: .ephemeral)
                        for (body, malformed) in lane { try await Self.post(body, port: port, session: session, malformed: malformed) }
                    }
                }
                try await group.waitForAll()
            }
        }
        let problems = try await Self.onOwnThread {
            try Self.problems(stream, try harness.openStore(), way: "server, \(clients) clients")
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    static func post(_ body: String, port: Int, session: URLSession, malformed: Bool) async throws {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/batch")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(Requests.basic(), forHTTPHeaderField: "Authorization")
        request.httpBody = Data("{\"batch\": \(body)}".utf8)
        request.timeoutInterval = 30
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 || (malformed && status == 400) else {
            throw HarnessError(description: "POST /v1/batch answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// The feed of issue 12: one person's merge freed the newest person id, the next new visitor took it, and
    /// the identity cache, which points a merged-away id at the person it merged into, gave that visitor's
    /// events to u1.
    @Test func aMergedAwayPersonsIdIsNeverGivenToANewcomer() throws {
        let test = try TestStore()
        func at(_ minute: Int) -> Double { Double(minute * 60) }
        try test.ingest(
            Message.track("Product Viewed", anonymous: "anon-1", at: at(0), id: "m1"),
            Message.identify(user: "u1", at: at(1), id: "m2", traits: "{\"email\": \"one@example.com\"}"),
            Message.track("Product Viewed", anonymous: "anon-2", at: at(2), id: "m3"),
            Message.identify(user: "u1", anonymous: "anon-2", at: at(3), id: "m4", traits: "{}"),
            Message.track("Product Viewed", anonymous: "anon-3", at: at(4), id: "m5"),
            Message.track("Add to Cart", anonymous: "anon-3", at: at(5), id: "m6"),
            Message.identify(user: "u2", anonymous: "anon-3", at: at(6), id: "m7", traits: "{\"email\": \"two@example.com\"}"))
        func events(_ user: String) throws -> [String] {
            try test.strings(
                "SELECT e.message_id FROM events e JOIN people p ON p.id = e.person_id WHERE p.user_id = ? ORDER BY e.ts",
                [.text(user)])
        }
        #expect(try events("u1") == ["m3"])
        #expect(try events("u2") == ["m5", "m6"])
        #expect(try test.strings(
            "SELECT i.value FROM identities i JOIN people p ON p.id = i.person_id WHERE p.user_id = 'u2' AND i.kind = 'anon'")
            == ["anon-3"])
    }
}
