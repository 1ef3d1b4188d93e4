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
            try validateInstant(asOf, flag: "--as-of")
        }

        func run() throws {
            let store = try self.store.open()
            let catalog = try segmentOptions.load(for: store, reportingTo: output)
            let now = try CommandLineInstant.evaluationInstant(asOf)
            let preview = SegmentPreview(store: store, catalog: catalog)
            if all {
                let report = try preview.previewAll(at: now, suppress: !noSuppress)
                if output.json { try Output.json(report) } else { print(report.text) }
                return
            }
            let result: PreviewResult
            do {
                if explain {
                    print(try preview.queryPlan(ruleOrName ?? "", at: now).joined(separator: "\n"))
                    return
                }
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
