import Foundation
import Logging

extension PinterestClient {
    /// The most events one request may carry.
    public static let maxConversionEventsPerRequest = 1000

    /// Sends 1 to 1000 conversion events: `POST /ad_accounts/{id}/events` with `{"data": [...]}`.
    ///
    /// A 200 and a 422 ("not all events were successfully processed") both return the per-event statuses, in
    /// request order; a 422 sets ``ConversionEventsResponse/isPartialFailure``. Other failures are retried as
    /// usual (a resend is safe: Pinterest deduplicates on `event_id`) or thrown.
    ///
    /// ```swift
    /// let answer = try await client.sendConversionEvents(batch, test: true)
    /// for (event, status) in zip(batch, answer.events) where status.status == .failed { … }
    /// ```
    ///
    /// - Parameters:
    ///   - events: 1 to 1000 events.
    ///   - test: Sends `?test=true`: Pinterest validates and answers but records nothing.
    /// - Throws: ``PinterestError`` (`invalidRequest` without sending for 0 or more than 1000 events).
    public func sendConversionEvents(_ events: [ConversionEvent], test: Bool = false) async throws
        -> ConversionEventsResponse
    {
        let endpoint = Endpoint.sendEvents(account: account, test: test)
        guard (1...Self.maxConversionEventsPerRequest).contains(events.count) else {
            throw PinterestError(
                kind: .invalidRequest,
                message: "\(events.count) events; a request carries 1 to \(Self.maxConversionEventsPerRequest)",
                endpoint: endpoint.name, attempts: 0
            )
        }
        logger.debug(
            "pinterest.events.send",
            metadata: ["pinterest.events": "\(events.count)", "pinterest.test": "\(test)"]
        )
        let response = try await call(endpoint, body: ConversionEventsRequest(data: events)) { status, data in
            try Self.interpretConversionAnswer(status: status, data: data)
        }
        logger.debug(
            "pinterest.events.answer",
            metadata: [
                "pinterest.events.received": "\(response.numEventsReceived)",
                "pinterest.events.processed": "\(response.numEventsProcessed)",
                "pinterest.events.partial": "\(response.isPartialFailure)",
            ]
        )
        return response
    }

    /// A 2xx is the `ConversionApiResponse`; a 422 whose `details` carry per-event statuses is the same with
    /// `isPartialFailure` set; anything else is an error (`nil`).
    static func interpretConversionAnswer(status: Int, data: Data) throws -> ConversionEventsResponse? {
        if (200..<300).contains(status) {
            return try JSONDecoder().decode(ConversionEventsResponse.self, from: data)
        }
        guard status == 422,
            let detailed = try? JSONDecoder().decode(ConversionEventsDetailedError.self, from: data),
            var response = detailed.details
        else { return nil }
        response.isPartialFailure = true
        return response
    }
}
