import ArgumentParser
import Engine
import Foundation
import Logging

extension Segsync {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serves the Customer.io Data Pipelines ingest endpoints over HTTP.",
            discussion: """
                Customer.io's official clients and the Data Pipelines Webhook destination post to it unchanged: \
                POST /v1/batch, /v1/track, /v1/identify, /v1/page, /v1/screen, /v1/group, /v1/alias (write key as \
                HTTP Basic user with an empty password, or as a Bearer token) and POST /webhooks/customerio. A \
                request is answered 200 only once its messages are committed to the store. GET /healthz answers \
                200 when ready; GET /metrics serves Prometheus text. Write keys come from --write-key (repeatable) \
                and SEGSYNC_WRITE_KEYS (comma-separated); the webhook secret from --webhook-secret or \
                SEGSYNC_WEBHOOK_SECRET. SIGTERM and SIGINT stop accepting, drain, commit and exit 0.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on; 0 picks a free one (the port is printed on standard error).")
        var port = 8080

        @Option(name: .customLong("write-key"), help: "A write key clients may use; repeat for several.")
        var writeKeys: [String] = []

        @Option(help: "The Webhook destination's shared secret: webhooks must then carry its X-Signature.")
        var webhookSecret: String?

        @Option(help: "Seconds a connection may stay silent, mid-request or idle, before it is closed.")
        var idleTimeout = 30

        @Option(help: "Seconds a request body may take to arrive in full.")
        var bodyTimeout = 60

        /// The keys from the flags and from SEGSYNC_WRITE_KEYS, each once.
        var allWriteKeys: [String] {
            IngestServerConfiguration.writeKeys(flags: writeKeys, environment: ProcessInfo.processInfo.environment)
        }

        func validate() throws {
            if allWriteKeys.isEmpty {
                throw ValidationError("Give at least one write key, with --write-key or SEGSYNC_WRITE_KEYS.")
            }
            if !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535.") }
            if idleTimeout < 1 || bodyTimeout < 1 {
                throw ValidationError("--idle-timeout and --body-timeout must be at least 1 second.")
            }
        }

        func run() async throws {
            Segsync.bootstrapLoggingOnce()
            var limits = IngestLimits()
            limits.idleTimeout = .seconds(idleTimeout)
            limits.bodyTimeout = .seconds(bodyTimeout)
            let configuration = IngestServerConfiguration(
                host: host, port: port, writeKeys: allWriteKeys,
                webhookSecret: IngestServerConfiguration.webhookSecret(
                    flag: webhookSecret, environment: ProcessInfo.processInfo.environment),
                limits: limits)
            let database = try Store.open(path: store.path, durability: .disk)
            let server = IngestServer(
                configuration: configuration, store: database, logger: Logger(label: "segsync.serve"))
            try await server.run { host, port in
                Output.note("segsync serve: listening on http://\(host):\(port) (store \(store.path))")
            }
            let totals = server.metrics.totals
            Output.note(
                "segsync serve: stopped after \(totals.received) messages: \(totals.stored) stored, "
                    + "\(totals.duplicates) duplicates, \(totals.rejected) rejected")
        }
    }
}
