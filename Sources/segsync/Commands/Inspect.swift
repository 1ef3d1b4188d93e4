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
            let store = try self.store.open()
            let counts = try store.inspection()
            let identifier = user ?? anonymousId
            let person = try identifier.flatMap { try store.inspectPerson($0, anonymous: anonymousId != nil) }
            if output.json {
                try Output.json(InspectReport(counts: counts, person: person, lookedUp: identifier != nil))
            } else {
                print(
                    "\(counts.people) people (\(counts.identified) identified, \(counts.anonymous) anonymous, "
                        + "\(counts.deleted) deleted), \(counts.messages) messages, \(counts.events) events, "
                        + "\(counts.rejected) rejected")
                for (name, count) in counts.eventsByName.sorted(by: { $0.key < $1.key }) {
                    print("  \(name): \(count)")
                }
                if let person { printPerson(person) }
            }
            if let identifier, person == nil {
                Output.note("no person has the \(user != nil ? "userId" : "anonymousId") \(identifier)")
                throw ExitCode(1)
            }
        }

        private func printPerson(_ person: PersonInspection) {
            print("person \(person.userId ?? "(anonymous)")\(person.isDeleted ? " (deleted)" : "")")
            print("  anonymous ids: \(person.anonymousIds.joined(separator: ", "))")
            print("  emails: \(person.emails.joined(separator: ", "))")
            for (key, value) in person.attributes.sorted(by: { $0.key < $1.key }) {
                print("  \(key) = \(value)")
            }
            for event in person.events {
                print("  \(event.timestamp) \(event.name) \(event.messageId)")
            }
        }
    }
}

/// The JSON shape of `segsync inspect --json`: the counts, and `person` when one was asked for.
struct InspectReport: Encodable {
    var counts: StoreInspection
    var person: PersonInspection?
    var lookedUp: Bool

    enum CodingKeys: String, CodingKey {
        case person
    }

    func encode(to encoder: any Encoder) throws {
        try counts.encode(to: encoder)
        guard lookedUp else { return }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(person, forKey: .person)
    }
}
