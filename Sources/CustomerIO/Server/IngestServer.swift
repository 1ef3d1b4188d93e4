import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Store

/// `segsync serve`: the HTTP endpoint that Customer.io's official clients and Data Pipelines post
/// messages to, unchanged.
///
/// - `POST /v1/batch`, `/v1/track`, `/v1/identify`, `/v1/page`, `/v1/screen`, `/v1/group`, `/v1/alias`
///   with a write key; `200 {}` once the messages are committed (see ``IngestWriter``).
/// - `POST /webhooks/customerio`: the Data Pipelines Webhook destination.
/// - `GET /healthz`, `GET /metrics` (Prometheus text).
///
/// SIGTERM and SIGINT stop accepting connections, let the requests in flight finish, commit and
/// return.
///
///     let store = try Store.open(path: "segsync.sqlite", durability: .disk)
///     let server = IngestServer(configuration: .init(writeKeys: ["WRITEKEY"]), store: store, logger: logger)
///     try await server.run()
public struct IngestServer: Sendable {
    public let configuration: IngestServerConfiguration
    /// The server's counters, as `GET /metrics` shows them.
    public let metrics: IngestMetrics
    let writer: IngestWriter
    let logger: Logger
    let clock: @Sendable () -> Int64

    /// Takes ownership of `store` (open it with `.disk` durability: a 200 promises the data is on disk).
    ///
    /// - Parameters:
    ///   - clock: the time stamped as `receivedAt`, in milliseconds since the epoch; tests inject it.
    /// - Precondition: `configuration.writeKeys` is not empty.
    public init(
        configuration: IngestServerConfiguration, store: Store, logger: Logger,
        clock: @escaping @Sendable () -> Int64 = { Store.wallClockMillis() }
    ) {
        precondition(!configuration.writeKeys.isEmpty, "the server needs at least one write key")
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        metrics = IngestMetrics()
        writer = IngestWriter(
            store: store, metrics: metrics, maximumQueued: configuration.limits.queuedMessages,
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then drains and returns.
    ///
    /// - Parameter onListening: called with the bound host and port once the server accepts
    ///   connections (the port is the real one when `port` is 0).
    public func run(onListening: @escaping @Sendable (String, Int) -> Void = { _, _ in }) async throws {
        try await makeApplication(onListening: onListening).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The Hummingbird application, with the writer among its services.
    func makeApplication(
        onListening: @escaping @Sendable (String, Int) -> Void = { _, _ in }
    ) -> some ApplicationProtocol {
        let limits = configuration.limits
        let idle = limits.idleTimeout.components
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: TimeAmount.nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: limits.headerBytes, maxHeaderListSize: limits.headerBytes,
                maxHeaderFieldCount: limits.headerFields))
        let logger = logger
        return Application(
            router: makeRouter(),
            server: .http1(configuration: http1),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "segsync"),
            services: [writer],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("ingest.server.listening", metadata: ["ingest.port": "\(port)"])
                onListening(channel.localAddress?.ipAddress ?? "", port)
            },
            logger: logger)
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(AnswerMiddleware(metrics: metrics))
        let handler = IngestHandler(
            keys: WriteKeys(configuration.writeKeys), signature: configuration.webhookSecret.map(WebhookSignature.init),
            limits: configuration.limits, writer: writer, metrics: metrics, clock: clock)
        router.post("/v1/batch") { request, context in
            await handler.ingest(request, shape: .batch, logger: context.logger)
        }
        for kind in IngestMessage.Kind.allCases {
            router.post("/v1/\(kind.rawValue)") { request, context in
                await handler.ingest(request, shape: .single(kind), logger: context.logger)
            }
        }
        router.post("/webhooks/customerio") { request, context in
            await handler.webhook(request, logger: context.logger)
        }
        let writer = writer
        router.get("/healthz") { _, _ in
            let ready = writer.isAccepting
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(string: ready ? "{\"status\":\"ok\"}" : "{\"status\":\"stopping\"}")))
        }
        let metrics = metrics
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(string: metrics.prometheusText(queuedMessages: writer.queuedMessages))))
        }
        return router
    }
}
