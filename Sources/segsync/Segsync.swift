import ArgumentParser
import Engine
import Foundation
import Logging

@main
struct Segsync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segsync",
        abstract: "Keeps Pinterest audiences true to your Customer.io data.",
        discussion: """
            segsync copies Customer.io Data Pipelines messages into a local SQLite store, evaluates \
            segment rules over it, and syncs each audience to a Pinterest customer list.
            """,
        version: "0.1.0",
        subcommands: subcommandTypes
    )

    static func bootstrapLogging() {
        let level = ProcessInfo.processInfo.environment["SEGSYNC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .warning
            return handler
        }
    }
}

/// Options every command that reads or writes the store takes.
struct StoreOptions: ParsableArguments {
    @Option(help: "Path to the SQLite store (default: $SEGSYNC_DB, else ./segsync.sqlite).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["SEGSYNC_DB"] ?? "segsync.sqlite" }

    /// Opens the store, creating and migrating it when needed.
    func open() throws -> Store {
        Segsync.bootstrapLoggingOnce()
        return try Store.open(path: path)
    }
}

/// Output of a command: exactly one JSON object on stdout with `--json`, text otherwise.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print exactly one JSON object on standard output.")
    var json = false
}

extension Segsync {
    private static let loggingOnce: Void = bootstrapLogging()
    static func bootstrapLoggingOnce() { _ = loggingOnce }
}

/// Checks a time flag in `validate()`: the error of the one parser (``CommandLineInstant``), as a usage error.
func validateInstant(_ text: String?, flag: String) throws {
    do {
        _ = try CommandLineInstant.parseIfGiven(text, flag: flag)
    } catch {
        throw ValidationError(error.description)
    }
}
