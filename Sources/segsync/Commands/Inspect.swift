import ArgumentParser
import Engine
import Foundation

extension Segsync {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints what the store holds, and one person in detail.",
            discussion: """
                Counts people, messages, events by name and rejected inputs. With --user (or --anonymous-id) it \
                also prints that person's identifiers, attributes and events. It changes nothing, so scripts may \
                run it while segsync serve writes.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "The userId of a person to print in detail.")
        var user: String?

        @Option(help: "The anonymousId of a person to print in detail.")
        var anonymousId: String?

        func validate() throws {
            if user != nil && anonymousId != nil { throw ValidationError("Give --user or --anonymous-id, not both.") }
        }

        func run() throws {
            let report = try InspectReport(store: try self.store.open(), user: user, anonymousId: anonymousId)
            if output.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
            if let identifier = user ?? anonymousId, report.person == nil {
                Output.note("no person has the \(user != nil ? "userId" : "anonymousId") \(identifier)")
                throw ExitCode(1)
            }
        }
    }
}
