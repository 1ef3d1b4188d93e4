import Foundation
import SegsyncTesting
import Testing

/// `segsync preview` and `segsync check` as a person or a script runs them: status codes, the JSON shape
/// of cli.md, the caret of a syntax error.
@Suite struct PreviewCommandTests {
    /// A directory with a store holding a few shoppers (ingested with `segsync ingest`) and segment files.
    static func shop() throws -> (TemporaryDirectory, Shell) {
        let directory = TemporaryDirectory("segsync-cli")
        let lines = [
            Message.identify(user: "ann", at: -3_600, traits: "{\"email\": \"ann@example.com\", \"ltv\": 400}"),
            Message.identify(user: "bob", at: -3_600, traits: "{\"email\": \"bob@example.com\", \"ltv\": 50}"),
            Message.track("Add to Cart", user: "bob", at: -7_200),
            Message.track("Add to Cart", user: "ann", at: -7_200),
            Message.track("Add to Cart", anonymous: "anon-9", at: -7_200),
            Message.track("Order Completed", user: "bob", at: -3_000),
        ]
        try directory.write("shop.ndjson", lines.joined(separator: "\n") + "\n")
        try FileManager.default.createDirectory(
            at: directory.url.appendingPathComponent("segments"), withIntermediateDirectories: true)
        try directory.write("segments/aliases.yml", "Purchased: [Order Completed, Purchase]\n")
        try directory.write(
            "segments/carts.yml", "description: Carts\nrule: Add to Cart in last 24h\npinterest:\n  audience: Carts\n")
        try directory.write("segments/purchased_14d.yml", "rule: Purchased in last 14d\nsuppression: true\n")
        let runner = Shell(directory: directory, environment: ["SEGSYNC_DB": directory.path("s.sqlite")])
        let ingest = try runner.run("ingest", "shop.ndjson")
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return (directory, runner)
    }

    /// 2026-11-20T12:00:00Z, the instant the shared message helpers count from.
    static let asOf = "2026-11-20T12:00:00Z"

    @Test func previewPrintsTheJSONOfTheContract() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "--as-of", Self.asOf, "--json", "--members", "carts")
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(Set(json.keys).isSuperset(of: [
            "rule", "as_of", "count", "suppressed", "matchable", "suppressed_by", "elapsed_ms", "members",
        ]))
        #expect(json["rule"] as? String == "Add to Cart in last 24h")
        #expect(json["as_of"] as? String == Self.asOf)
        #expect(json["count"] as? Int == 3)
        #expect(json["suppressed"] as? Int == 1)
        #expect(json["matchable"] as? Int == 1)
        #expect(json["suppressed_by"] as? [String: Int] == ["purchased_14d": 1])
        #expect(json["elapsed_ms"] is Int)
        #expect(json["members"] as? [String] == ["ann", "anon-9", "bob"])
    }

    @Test func aBareRuleWithoutMembersOrSuppression() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "--as-of", Self.asOf, "--json", "--no-suppress", "LTV > $300")
        #expect(output.status == 0, "\(output.stderr)")
        let json = try output.json()
        #expect(json["count"] as? Int == 1)
        #expect(json["suppressed_by"] as? [String: Int] == [:])
        #expect(json["members"] == nil)
    }

    @Test func theDefaultOutputIsForPeople() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "--as-of", Self.asOf, "carts")
        #expect(output.status == 0)
        #expect(output.stdout.contains("3 people match the rule"))
        #expect(output.stdout.contains("- 1 suppressed (purchased_14d 1)"))
        #expect(output.stdout.contains("= 2 in the audience, 1 matchable"))
    }

    @Test func aRuleThatDoesNotParseExitsWithStatus2AndACaret() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "Add to Cart between 6h and ago")
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("error: expected a duration"))
        #expect(output.stderr.contains("--> rule:1:28"))
        #expect(output.stderr.contains("|                            ^ expected a duration such as 24h"))
        let json = try runner.run("preview", "--json", "Add to Cart between 6h and ago")
        #expect(json.status == 2)
        let object = try json.json()
        #expect(object["line"] as? Int == 1)
        #expect(object["column"] as? Int == 28)
    }

    @Test func unknownNamesWarnOnStandardError() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "--json", "Purchsed in last 7d")
        #expect(output.status == 0)
        #expect(output.stderr.contains("unknown event \"Purchsed\"; did you mean \"Purchased\"?"))
        #expect(try output.json()["warnings"] as? [String] == [
            "warning: unknown event \"Purchsed\"; did you mean \"Purchased\"?",
        ])
    }

    @Test func badFlagsAreUsageErrors() throws {
        let (_, runner) = try Self.shop()
        #expect(try runner.run("preview", "--as-of", "yesterday", "carts").status == 64)
        #expect(try runner.run("preview").status == 64)
    }

    @Test func previewRefusesBrokenSegmentFiles() throws {
        let (directory, runner) = try Self.shop()
        try directory.write("segments/broken.yml", "rul: X\n")
        let output = try runner.run("preview", "carts")
        #expect(output.status == 1)
        #expect(output.stderr.contains("segments/broken.yml:1:1: error: unknown key \"rul\""))
    }

    @Test func previewAllEvaluatesEverySegment() throws {
        let (_, runner) = try Self.shop()
        let output = try runner.run("preview", "--all", "--json", "--as-of", Self.asOf)
        #expect(output.status == 0, "\(output.stderr)")
        let segments = try #require(try output.json()["segments"] as? [[String: Any]])
        #expect(segments.compactMap { $0["segment"] as? String } == ["carts", "purchased_14d"])
    }

    @Test func checkExitsZeroOnCleanFilesAndOneOnErrors() throws {
        let (directory, runner) = try Self.shop()
        let clean = try runner.run("check", "--json")
        #expect(clean.status == 0, "\(clean.stdout)")
        let report = try clean.json()
        #expect(report["ok"] as? Bool == true)
        #expect((report["segments"] as? [[String: Any]])?.count == 2)
        try directory.write("segments/cycle_a.yml", "rule: in segment cycle_b\n")
        try directory.write("segments/cycle_b.yml", "rule: in segment cycle_a\n")
        try directory.write("segments/typo.yml", "rule: Purchsed\n")
        let broken = try runner.run("check")
        #expect(broken.status == 1)
        #expect(broken.stdout.contains(
            "segments/cycle_a.yml:1: error: segments refer to each other in a cycle: cycle_a -> cycle_b -> cycle_a"))
        #expect(broken.stdout.contains("segments/typo.yml:1:7: warning: unknown event \"Purchsed\""))
        #expect(broken.stdout.contains("1 error, 1 warning"))
        let missing = try runner.run("check", "--segments", "nowhere")
        #expect(missing.status == 1)
    }
}

/// Runs `segsync` in a directory with an environment, through the shared ``CommandRunner``; holds the
/// directory so that it lives as long as the tests use it.
struct Shell {
    var directory: TemporaryDirectory
    var environment: [String: String]

    func run(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, directory: directory.url, environment: environment)
    }
}
