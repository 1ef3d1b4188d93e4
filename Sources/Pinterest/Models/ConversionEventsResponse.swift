/// Pinterest's answer to a batch of conversion events (`ConversionApiResponse`), from a 200 or a 422.
///
/// `events` holds one status per event, in the order they were sent. A 422 ("not all events were successfully
/// processed") is not an error for the client: it returns this value with ``isPartialFailure`` set, so that the
/// caller keeps the processed events and records the failed ones with their reasons.
public struct ConversionEventsResponse: Sendable, Hashable, Codable {
    /// How many events Pinterest received.
    public var numEventsReceived: Int
    /// How many it processed.
    public var numEventsProcessed: Int
    /// One status per event, in request order.
    public var events: [ConversionEventStatus]
    /// Whether the answer was a 422 (some or all events failed) rather than a 200.
    public var isPartialFailure: Bool

    /// Creates a response.
    public init(
        numEventsReceived: Int, numEventsProcessed: Int, events: [ConversionEventStatus],
        isPartialFailure: Bool = false
    ) {
        self.numEventsReceived = numEventsReceived
        self.numEventsProcessed = numEventsProcessed
        self.events = events
        self.isPartialFailure = isPartialFailure
    }

    enum CodingKeys: String, CodingKey {
        case events
        case numEventsReceived = "num_events_received"
        case numEventsProcessed = "num_events_processed"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        numEventsReceived = try container.decode(Int.self, forKey: .numEventsReceived)
        numEventsProcessed = try container.decode(Int.self, forKey: .numEventsProcessed)
        events = try container.decode([ConversionEventStatus].self, forKey: .events)
        isPartialFailure = false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(numEventsReceived, forKey: .numEventsReceived)
        try container.encode(numEventsProcessed, forKey: .numEventsProcessed)
        try container.encode(events, forKey: .events)
    }
}

/// The outcome of one conversion event.
public struct ConversionEventStatus: Sendable, Hashable, Codable {
    /// `processed` or `failed`.
    public enum Status: String, Sendable, Hashable, Codable {
        case processed, failed
    }

    /// Whether Pinterest processed the event.
    public var status: Status
    /// Why it failed, when it did.
    public var errorMessage: String?
    /// Non-critical remarks about non-standard fields.
    public var warningMessage: String?

    /// Creates a status.
    public init(status: Status, errorMessage: String? = nil, warningMessage: String? = nil) {
        self.status = status
        self.errorMessage = errorMessage
        self.warningMessage = warningMessage
    }

    enum CodingKeys: String, CodingKey {
        case status
        case errorMessage = "error_message"
        case warningMessage = "warning_message"
    }
}

/// The body of a 422 from the events endpoint (`DetailedError`): `{code, message, details}`, where `details`
/// carries the per-event answer in the `ConversionApiResponse` shape.
struct ConversionEventsDetailedError: Decodable, Sendable {
    var code: Int?
    var message: String?
    var details: ConversionEventsResponse?
}

/// Pinterest's error body, `{code, message}`.
struct PinterestErrorBody: Decodable, Sendable {
    var code: Int?
    var message: String?
}
