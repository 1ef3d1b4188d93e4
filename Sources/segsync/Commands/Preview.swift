import ArgumentParser
import Engine
import Foundation
import SegmentLanguage

extension Segsync {
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts the people a rule or segment selects, as the audience would hold them now.",
            discussion: """
                RULE-OR-NAME is the name of a segment file in the segments directory, or a rule in the segment \
                language, such as "Checkout Started in last 24h AND NOT Purchased in last 24h". The suppression \
                segments are taken out first (a segment's own opt-outs respected; a suppression segment is never \
                suppressed), and the counts say how many people the rule selects, how many suppression took out \
                and by which segment, and how many of the rest have an email Pinterest can match. A rule that does \
                not parse exits with status 2.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var segmentOptions: SegmentOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .customLong("as-of"), help: "Evaluate at this instant (ISO-8601 or Unix seconds; default: now).")
        var asOf: String?

        @Flag(help: "List the people the rule selects, before suppression, by userId or else first anonymousId.")
        var members = false

        @Flag(name: .customLong("no-suppress"), help: "Do not take the suppression segments out.")
        var noSuppress = false

        @Flag(help: .hidden)
        var all = false

        @Flag(help: .hidden)
        var explain = false

        @Argument(help: "A segment name, or a rule.")
        var ruleOrName: String?

        func validate() throws {
            if all == (ruleOrName != nil) {
                throw ValidationError(
                    all ? "Give a rule or a segment name, or --all, not both." : "Give a rule or a segment name.")
            }
            if let asOf, (try? RuleInstant(parsing: asOf)) == nil {
                throw ValidationError(
                    "--as-of '\(asOf)' is not an instant: use ISO-8601 such as 2026-11-29T12:00:00Z or Unix seconds.")
            }
        }

        func run() throws {
            let store = try self.store.open()
            let catalog = try segmentOptions.load(for: store, reportingTo: output)
            let now = asOf.flatMap { try? RuleInstant(parsing: $0).milliseconds } ?? Store.wallClockMillis()
            let preview = SegmentPreview(store: store, catalog: catalog)
            if all {
                try runAll(preview, at: now)
                return
            }
            if explain {
                try printPlan(catalog: catalog, store: store, at: now)
                return
            }
            let result: PreviewResult
            do {
                result = try preview.preview(ruleOrName ?? "", at: now, suppress: !noSuppress, listMembers: members)
            } catch let error as RuleSyntaxError {
                Output.note(error.rendered())
                if output.json {
                    try Output.json(SyntaxErrorReport(error))
                }
                throw ExitCode(2)
            }
            for warning in result.renderedWarnings { Output.note(warning) }
            if output.json {
                try Output.json(result)
            } else {
                print(result.text)
            }
        }

        /// `--explain`: the query plan SQLite chooses for the rule or segment (for the benchmark).
        private func printPlan(catalog: SegmentCatalog, store: Store, at now: Int64) throws {
            let text = ruleOrName ?? ""
            let target: EvaluationTarget
            if catalog.segment(named: text) != nil {
                target = .segment(text)
            } else {
                target = .rule(catalog.analyze(try Rule.parse(text)).rule)
            }
            let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
            print(try evaluator.queryPlan(of: target).joined(separator: "\n"))
        }

        /// `--all`: every segment of the catalog in one evaluation, for the benchmark.
        private func runAll(_ preview: SegmentPreview, at now: Int64) throws {
            let clock = ContinuousClock()
            let start = clock.now
            let results = try preview.previewAll(at: now, suppress: !noSuppress)
            let (seconds, attoseconds) = (clock.now - start).components
            let elapsed = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
            if output.json {
                try Output.json(AllReport(as_of: Timestamp.format(now), elapsed_ms: elapsed, segments: results))
            } else {
                for result in results {
                    let counts = result.counts
                    print("\(result.segment ?? result.rule): count \(counts.count), suppressed \(counts.suppressed), "
                        + "matchable \(counts.matchable), \(result.elapsedMilliseconds) ms")
                }
                print("all \(results.count) segments evaluated in \(elapsed) ms")
            }
        }
    }
}

/// The JSON of a rule that does not parse.
private struct SyntaxErrorReport: Encodable {
    var error: String
    var line: Int
    var column: Int
    var rendered: String

    init(_ error: RuleSyntaxError) {
        self.error = error.message
        line = error.location.line
        column = error.location.column
        rendered = error.rendered()
    }
}

/// The JSON of `preview --all`.
private struct AllReport: Encodable {
    var as_of: String
    var elapsed_ms: Int
    var segments: [PreviewResult]
}
