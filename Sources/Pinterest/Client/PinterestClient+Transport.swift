import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one attempt brought back: a status and a body, or a transport failure.
enum AttemptOutcome: Sendable {
    case answer(status: Int, headers: [String: String], body: Data)
    case failure(AttemptFailure, detail: String)
}

extension PinterestClient {
    /// Sends `body` to `endpoint` and decodes a 2xx answer as `Response`, retrying as the policy allows.
    func call<Response: Decodable & Sendable>(
        _ endpoint: Endpoint, body: (some Encodable & Sendable)?,
        recover: (@Sendable () async throws -> Response?)? = nil
    ) async throws -> Response {
        try await call(endpoint, body: body, recover: recover) { status, data in
            guard (200..<300).contains(status) else { return nil }
            return try JSONDecoder().decode(Response.self, from: data)
        }
    }

    /// The retry loop: rate limit, send, classify, and ask the ``RetryState`` what next.
    ///
    /// - Parameters:
    ///   - interpret: Turns an answer into a result, or `nil` when its status is an error. Throwing means a
    ///     success status with an unreadable body.
    ///   - recover: For calls that are not idempotent (creations): after an ambiguous failure (timeout, dropped
    ///     connection, 5xx), which may have been applied, looks for what the call would have made before trying
    ///     again, so that a retry never makes a twin.
    func call<Response: Sendable>(
        _ endpoint: Endpoint, body: (some Encodable & Sendable)?,
        recover: (@Sendable () async throws -> Response?)? = nil,
        interpret: (Int, Data) throws -> Response?
    ) async throws -> Response {
        let payload = try body.map { try Self.encode($0, endpoint: endpoint) }
        let clock = ContinuousClock()
        let start = clock.now
        var retries = RetryState(policy: configuration.retryPolicy)
        var waited = Duration.zero
        var attempt = 0
        while true {
            attempt += 1
            if let rateLimiter {
                let wait = await rateLimiter.reserve(at: clock.now)
                if wait > .zero { try await sleep(wait) }
            }
            let attemptStart = clock.now
            let outcome = await perform(endpoint, payload: payload)
            try Task.checkCancellation()
            let failure: AttemptFailure
            let error: PinterestError
            switch outcome {
            case .answer(let status, let headers, let data):
                logRequest(endpoint, status: status, attempt: attempt, since: attemptStart, clock: clock)
                do {
                    if let result = try interpret(status, data) { return result }
                } catch {
                    throw PinterestError(
                        kind: .undecodableResponse, status: status,
                        message: configuration.accessToken.redacting("answer could not be read: \(error)"),
                        endpoint: endpoint.name, attempts: attempt
                    )
                }
                failure = .status(status, retryAfter: Self.retryAfter(headers))
                error = httpError(endpoint, status: status, body: data, attempts: attempt)
            case .failure(let kind, let detail):
                logRequest(endpoint, status: nil, attempt: attempt, since: attemptStart, clock: clock)
                failure = kind
                error = transportError(endpoint, failure: kind, detail: detail, attempts: attempt)
            }

            let ambiguous = Self.mayHaveBeenApplied(failure) && !endpoint.isIdempotent
            let elapsed = max(clock.now - start, waited)
            switch retries.attemptFailed(failure, elapsed: elapsed, jitter: random()) {
            case .giveUp:
                if ambiguous, let recover, let found = try await recover() { return found }
                logger.debug(
                    "pinterest.give_up",
                    metadata: ["pinterest.endpoint": "\(endpoint.name)", "pinterest.attempts": "\(attempt)"]
                )
                throw error
            case .retry(let delay):
                logRetry(endpoint, failure: failure, delay: delay, attempt: attempt)
                try await sleep(delay)
                waited += delay
                if ambiguous, let recover, let found = try await recover() { return found }
            }
        }
    }

    /// One HTTP exchange; never throws: failures come back as values for the retry loop to judge.
    private func perform(_ endpoint: Endpoint, payload: Data?) async -> AttemptOutcome {
        guard let url = endpoint.url(relativeTo: configuration.baseURL) else {
            return .failure(.other, detail: "the base URL and path do not form a URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = endpoint.method.rawValue
        // FoundationNetworking truncates the timeout to whole seconds (0.5 s would time out at once).
        request.timeoutInterval = max(1, Self.seconds(configuration.requestTimeout).rounded(.up))
        request.setValue(configuration.accessToken.authorizationHeaderValue, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("segsync (Pinterest API v5 client)", forHTTPHeaderField: "User-Agent")
        if let payload {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("close", forHTTPHeaderField: "Connection")
            request.httpBody = payload
        }
        let session = payload == nil ? Self.readSession : Self.makeSession()
        defer { if payload != nil { session.finishTasksAndInvalidate() } }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(.connectionLost, detail: "the answer was not HTTP")
            }
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
            }
            return .answer(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            return .failure(Self.classify(error), detail: "URLError \(error.code.rawValue)")
        } catch {
            return .failure(.other, detail: String(describing: type(of: error)))
        }
    }
}
