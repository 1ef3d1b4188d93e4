import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension PinterestClient {
    /// Encodes a request body: sorted keys, so that the same call always sends the same bytes.
    static func encode(_ body: some Encodable, endpoint: Endpoint) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(body)
        } catch {
            throw PinterestError(
                kind: .invalidRequest, message: "body could not be encoded: \(error)", endpoint: endpoint.name,
                attempts: 0
            )
        }
    }

    /// `Retry-After` in delta-seconds (`"2"`, `"0.5"`); an HTTP date or garbage gives `nil` (backoff applies).
    static func retryAfter(_ headers: [String: String]) -> Duration? {
        guard let text = headers["retry-after"]?.trimmingWhitespace(), let seconds = Double(text),
            seconds.isFinite, seconds >= 0
        else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Maps a URL loading error to what the retry policy needs to know.
    static func classify(_ error: URLError) -> AttemptFailure {
        switch error.code {
        case .timedOut:
            return .timedOut
        case .networkConnectionLost, .cannotConnectToHost, .badServerResponse, .notConnectedToInternet,
            .zeroByteResource, .cannotParseResponse, .unknown:
            return .connectionLost
        default:
            return .other
        }
    }

    /// Whether Pinterest may have applied a request whose attempt failed this way: it answered 5xx, or the answer
    /// never arrived. A 429 or another 4xx was refused before it was applied.
    static func mayHaveBeenApplied(_ failure: AttemptFailure) -> Bool {
        switch failure {
        case .timedOut, .connectionLost: return true
        case .status(let status, _): return (500...599).contains(status)
        case .other: return false
        }
    }

    /// The error for an HTTP error answer, with Pinterest's `{code, message}` when the body holds it.
    func httpError(_ endpoint: Endpoint, status: Int, body: Data, attempts: Int) -> PinterestError {
        let parsed = try? JSONDecoder().decode(PinterestErrorBody.self, from: body)
        var message = parsed?.message ?? String(decoding: body.prefix(200), as: UTF8.self)
        if message.isEmpty { message = HTTPURLResponse.localizedString(forStatusCode: status) }
        return PinterestError(
            kind: .http, status: status, code: parsed?.code, message: configuration.accessToken.redacting(message),
            endpoint: endpoint.name, attempts: attempts
        )
    }

    /// The error for an attempt that got no answer.
    func transportError(_ endpoint: Endpoint, failure: AttemptFailure, detail: String, attempts: Int)
        -> PinterestError
    {
        let kind: PinterestError.Kind
        let message: String
        switch failure {
        case .timedOut:
            kind = .timedOut
            message = "no answer within \(configuration.requestTimeout) (\(detail))"
        case .connectionLost:
            kind = .connectionLost
            message = "the connection ended without an answer (\(detail))"
        default:
            kind = .transport
            message = detail
        }
        return PinterestError(
            kind: kind, message: configuration.accessToken.redacting(message), endpoint: endpoint.name,
            attempts: attempts
        )
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    func logRequest(
        _ endpoint: Endpoint, status: Int?, attempt: Int, since start: ContinuousClock.Instant,
        clock: ContinuousClock
    ) {
        let elapsed = clock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        logger.debug(
            "pinterest.request",
            metadata: [
                "pinterest.endpoint": "\(endpoint.name)",
                "pinterest.status": "\(status.map(String.init) ?? "none")",
                "pinterest.attempt": "\(attempt)",
                "pinterest.elapsed_ms": "\(milliseconds)",
            ]
        )
    }

    func logRetry(_ endpoint: Endpoint, failure: AttemptFailure, delay: Duration, attempt: Int) {
        let reason: String
        switch failure {
        case .status(let status, let retryAfter): reason = retryAfter == nil ? "\(status)" : "\(status) retry-after"
        case .timedOut: reason = "timed out"
        case .connectionLost: reason = "connection lost"
        case .other: reason = "other"
        }
        let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
        logger.info(
            "pinterest.retry",
            metadata: [
                "pinterest.endpoint": "\(endpoint.name)",
                "pinterest.reason": "\(reason)",
                "pinterest.attempt": "\(attempt)",
                "pinterest.delay_ms": "\(milliseconds)",
            ]
        )
    }
}
