import Foundation
import Hummingbird
import Logging
import NIOCore

/// A local stand-in for the Pinterest API v5: customer lists, audiences and conversion events, over real HTTP on
/// 127.0.0.1, for tests and the demo. It never talks to Pinterest.
///
/// It keeps lists and audiences per ad account the way Pinterest does (a list holds the records added minus those
/// removed), answers with the spec's shapes and `{code, message}` errors, checks the bearer token and the bodies,
/// records every request, and plays queued faults: 429 with or without `Retry-After`, 500, 503, 401, slow
/// answers, and connections dropped after the request was applied.
///
/// ```swift
/// try await PinterestStandIn.with(StandInConfiguration()) { standIn in
///     await standIn.inject(.rateLimited(retryAfter: 1), on: .updateCustomerList)
///     // point a PinterestClient at standIn.baseURL with token "test-token"…
///     #expect(await standIn.records(ofList: list.id) == expected)
/// }
/// ```
public final class PinterestStandIn: Sendable {
    /// The API root, `http://127.0.0.1:PORT/v5`: what `PINTEREST_API_BASE` should say.
    public let baseURL: URL
    /// The port the server listens on.
    public let port: Int
    /// The configuration it started with.
    public let configuration: StandInConfiguration
    let state: StandInState
    private let server: Task<Void, any Error>

    private init(
        baseURL: URL, port: Int, configuration: StandInConfiguration, state: StandInState,
        server: Task<Void, any Error>
    ) {
        self.baseURL = baseURL
        self.port = port
        self.configuration = configuration
        self.state = state
        self.server = server
    }

    /// Starts a stand-in and returns once it accepts connections.
    ///
    /// - Parameter configuration: Token, accounts, paging, request log; port 0 (ephemeral) by default.
    /// - Throws: ``StandInError`` when the server cannot start (the port is taken...).
    public static func start(_ configuration: StandInConfiguration = StandInConfiguration()) async throws
        -> PinterestStandIn
    {
        let state = StandInState(configuration: configuration)
        let responder = StandInResponder(state: state, pathPrefix: configuration.pathPrefix)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil
            ),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: configuration.logger
        )
        let server = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            let reason: String
            do {
                try await server.value
                reason = "the server stopped before listening"
            } catch {
                reason = String(describing: error)
            }
            throw StandInError(message: "could not start on \(configuration.host):\(configuration.port): \(reason)")
        }
        guard let url = URL(string: "http://\(configuration.host):\(port)\(configuration.pathPrefix)") else {
            server.cancel()
            throw StandInError(message: "no URL for \(configuration.host):\(port)")
        }
        return PinterestStandIn(baseURL: url, port: port, configuration: configuration, state: state, server: server)
    }

    /// Starts a stand-in, runs `body` with it, and stops it however `body` ends.
    public static func with<T>(
        _ configuration: StandInConfiguration, _ body: (PinterestStandIn) async throws -> T
    ) async throws -> T {
        let standIn = try await start(configuration)
        do {
            let result = try await body(standIn)
            await standIn.stop()
            return result
        } catch {
            await standIn.stop()
            throw error
        }
    }

    /// Stops the server and waits until it has closed its socket.
    public func stop() async {
        server.cancel()
        _ = try? await server.value
    }
}

/// The stand-in could not start.
public struct StandInError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// `Pinterest stand-in: …`.
    public var description: String { "Pinterest stand-in: \(message)" }
}
