import ArgumentParser
import Engine
import Foundation
import Logging
import Pinterest

extension Segsync {
    struct Conversions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forwards stored events to Pinterest's Conversions API, once each.",
            discussion: """
                The default map sends Add to Cart and Product Added as add_to_cart, Checkout Started as \
                initiate_checkout, Order Completed and Purchase as checkout (Pinterest's purchase event), and \
                Product Viewed as page_visit; other events are not sent. A conversions.yml file changes the map \
                and the limits. Sending uses PINTEREST_ACCESS_TOKEN, PINTEREST_AD_ACCOUNT_ID and PINTEREST_API_BASE.
                """,
            subcommands: [Send.self, Status.self]
        )
    }
}

extension Segsync.Conversions {
    /// Where the map and limits come from.
    struct ConfigurationOptions: ParsableArguments {
        @Option(
            help: """
                The conversions file (default: $SEGSYNC_CONVERSIONS, else ./conversions.yml when it exists, else \
                the built-in map and limits).
                """
        )
        var config: String?

        func load() throws -> ConversionsConfiguration {
            try .locate(path: config, environment: ProcessInfo.processInfo.environment)
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sends the stored events no run has sent yet.",
            discussion: """
                Each mapped event is checked first: an event older than the accepted age (7 days by default) is \
                skipped as too_old; one Pinterest cannot match (no email, mobile ad id, or IP address with user \
                agent) is held as unmatchable; a purchase without order_id, value or currency is held as \
                incomplete_purchase; a repeated Add to Cart for the same person and product within the window \
                (30 minutes by default) is collapsed into the one kept. Held events are looked at again by later \
                runs. Pinterest's per-event answers are recorded: processed and failed events are never sent again.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var conversions: ConfigurationOptions
        @OptionGroup var output: OutputOptions

        @Option(help: "Only events at or after this instant (ISO-8601 or Unix seconds); older ones wait.")
        var since: String?

        @Flag(help: "Send with test=true: Pinterest checks and answers but records nothing, and neither does segsync.")
        var test = false

        @Flag(help: "Map, check and batch the events, but send nothing and record nothing.")
        var dryRun = false

        @Flag(help: "Send purchases without order_id, value or currency instead of holding them back.")
        var allowIncompletePurchases = false

        func validate() throws {
            try validateInstant(since, flag: "--since")
            if test && dryRun {
                throw ValidationError("--test sends (with test=true) and --dry-run sends nothing: choose one.")
            }
        }

        func run() async throws {
            let store = try self.store.open()
            let configuration = try conversions.load()
            var client: PinterestClient?
            if !dryRun {
                client = PinterestClient(
                    configuration: try PinterestConfiguration.fromEnvironment(),
                    logger: Logger(label: "segsync.pinterest")
                )
            }
            let run = ConversionsRun(
                configuration: configuration,
                options: .init(
                    since: try CommandLineInstant.parseIfGiven(since, flag: "--since"), test: test, dryRun: dryRun,
                    allowIncompletePurchases: allowIncompletePurchases
                ),
                now: Store.wallClockMillis(), client: client, progress: Output.progress()
            )
            let report: ConversionsReport
            do {
                report = try await run.run(on: store)
            } catch let error as ConversionsRunError {
                Output.endProgress()
                if output.json { try Output.json(error.report) }
                throw error
            }
            Output.endProgress()
            if output.json {
                try Output.json(report)
            } else {
                print(report.text)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarises what became of the mapped events: sent, failed, skipped by reason, pending."
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var conversions: ConfigurationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try self.store.open()
            let status = try ConversionsStatus.read(
                from: store, configuration: try conversions.load(), now: Store.wallClockMillis()
            )
            if output.json {
                try Output.json(status)
            } else {
                print(status.text)
            }
        }
    }
}
