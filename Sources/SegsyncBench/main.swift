// The sync benchmark's helper (scripts/bench-sync.sh): fills a store (by SQL, in the Store) with an audience of a million members
// and a ledger of a million hashes with 5% churn, and serves a Pinterest stand-in holding that ledger's list.
//
//   SegsyncBench fill  --db PATH --segments DIR --members N --churn FRACTION --now ISO
//   SegsyncBench serve --db PATH --url-file FILE     (until SIGINT or SIGTERM; then prints what it received)
import Engine
import Store
import Foundation
import Pinterest
import PinterestStandIn

/// The token the stand-in accepts, the ad account, and the names the benchmark uses.
enum Bench {
    static let token = "bench-token"
    static let account = "549755885175"
    static let audience = "carts"
    static let pinterestName = "Bench carts"
}

/// What the command line says.
struct Arguments {
    var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard flag.hasPrefix("--") else { continue }
            values[String(flag.dropFirst(2))] = iterator.next() ?? ""
        }
    }

    func string(_ name: String, _ fallback: String? = nil) -> String {
        guard let value = values[name] ?? fallback else {
            FileHandle.standardError.write(Data("missing --\(name)\n".utf8))
            exit(64)
        }
        return value
    }
}

/// Fills a fresh store: people 1…members+churn with an email; people 1…members with a cart inside the last 24h
/// and the others with one three days old; a ledger holding people churn+1…members+churn. So the audience holds
/// `members`, the ledger `members`, and the plan adds `churn` and removes `churn`.
func fill(_ arguments: Arguments) throws {
    let path = arguments.string("db")
    let segments = arguments.string("segments")
    let members = Int64(arguments.string("members", "1000000")) ?? 1_000_000
    let churn = Int64((Double(arguments.string("churn", "0.05")) ?? 0.05) * Double(members))
    let now = try CommandLineInstant.parse(arguments.string("now", "2026-11-29T12:00:00Z"), flag: "--now")
    let clock = ContinuousClock()
    let start = clock.now
    let store = try Store.open(path: path)
    try store.fillSyncBenchmark(
        members: members, churn: churn, now: now, audience: Bench.audience, pinterestName: Bench.pinterestName)
    try FileManager.default.createDirectory(atPath: segments, withIntermediateDirectories: true)
    try "rule: Add to Cart in last 24h\npinterest:\n  audience: \"\(Bench.pinterestName)\"\n"
        .write(toFile: segments + "/carts.yml", atomically: true, encoding: .utf8)
    try "rule: Order Completed in last 14d\nsuppression: true\n"
        .write(toFile: segments + "/purchased_14d.yml", atomically: true, encoding: .utf8)
    let elapsed = clock.now - start
    print("filled \(path): \(members + churn) people, \(members + churn) events, ledger \(members), "
        + "churn \(churn) each way, in \(elapsed)")
}

/// Serves a stand-in whose list holds the store's ledger, records the list and an audience in the store, writes the
/// stand-in's URL to a file, and on SIGINT or SIGTERM prints what it received as one JSON object.
func serve(_ arguments: Arguments) async throws {
    let path = arguments.string("db")
    let urlFile = arguments.string("url-file")
    let store = try Store.open(path: path)
    let ledger = Set(try store.ledgerHashes(audience: Bench.audience))
    let standIn = try await PinterestStandIn.start(
        StandInConfiguration(accessToken: Bench.token, requestLog: .disabled))
    let listID = await standIn.seedCustomerList(named: Bench.pinterestName, records: ledger, inAccount: Bench.account)
    let client = PinterestClient(configuration: PinterestConfiguration(
        baseURL: standIn.baseURL, accessToken: AccessToken(Bench.token), adAccountID: Bench.account))
    let audience = try await client.createAudience(named: Bench.pinterestName, customerListID: listID)
    try store.save(AudienceRecord(
        name: Bench.audience, pinterestName: Bench.pinterestName, customerListId: listID, audienceId: audience.id))
    await standIn.clearRequests()
    try standIn.baseURL.absoluteString.write(toFile: urlFile, atomically: true, encoding: .utf8)

    let stop = StopSignal()
    let signals = SignalStop(stop: stop)
    _ = await stop.sleep(for: .seconds(86_400))
    signals.cancel()

    let updates = await standIn.requests(to: .updateCustomerList)
    let records = await standIn.records(ofList: listID) ?? []
    let members = Int64(arguments.string("members", "1000000")) ?? 1_000_000
    let expected = try store.emailHashes(ofPeopleThrough: members)
    let report: [String: Int] = [
        "update_calls": updates.count,
        "remove_calls": updates.filter { $0.operationType == "REMOVE" }.count,
        "add_calls": updates.filter { $0.operationType == "ADD" }.count,
        "other_calls": await standIn.requests().count - updates.count,
        "records_removed": updates.filter { $0.operationType == "REMOVE" }.reduce(0) { $0 + ($1.records?.count ?? 0) },
        "records_added": updates.filter { $0.operationType == "ADD" }.reduce(0) { $0 + ($1.records?.count ?? 0) },
        "list_size": records.count,
        "list_matches_members": records == expected ? 1 : 0,
        "removals_first": updates.map { $0.operationType == "REMOVE" ? 0 : 1 } == updates
            .map { $0.operationType == "REMOVE" ? 0 : 1 }.sorted() ? 1 : 0,
    ]
    let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    await standIn.stop()
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "fill":
    try fill(Arguments(arguments.dropFirst(2)))
case "serve":
    try await serve(Arguments(arguments.dropFirst(2)))
default:
    FileHandle.standardError.write(Data("usage: SegsyncBench fill|serve --db PATH ...\n".utf8))
    exit(64)
}
