/// A Customer.io Data Pipelines message, decoded and ready to store.
///
/// The `CustomerIO` target decodes wire JSON into this; the store resolves identity and writes it.
public struct IngestMessage: Sendable {
    /// The message types of the Data Pipelines API.
    public enum Kind: String, Sendable, CaseIterable {
        case identify, track, page, screen, group, alias
    }

    public var kind: Kind
    public var messageId: String
    public var userId: String?
    public var anonymousId: String?
    /// `alias` only: the identifier being joined to `userId`.
    public var previousId: String?
    /// When it happened, in milliseconds since the epoch.
    public var timestamp: Int64
    /// When the server received it, when it came through the server.
    public var receivedAt: Int64?
    /// The event name: the `event` of a track, else `page`, `screen` or `group`.
    public var eventName: String?
    /// The event's properties as a JSON object text (`{}` when none).
    public var properties: String
    /// The message's context as JSON object text, when present.
    public var context: String?
    /// Identify traits, in the order sent.
    public var traits: [Trait]
    /// The event's value: its `value` property, else `revenue`, else `total`.
    public var value: Double?
    public var currency: String?
    public var orderId: String?

    public init(
        kind: Kind, messageId: String, userId: String? = nil, anonymousId: String? = nil,
        previousId: String? = nil, timestamp: Int64, receivedAt: Int64? = nil, eventName: String? = nil,
        properties: String = "{}", context: String? = nil, traits: [Trait] = [], value: Double? = nil,
        currency: String? = nil, orderId: String? = nil
    ) {
        self.kind = kind
        self.messageId = messageId
        self.userId = userId
        self.anonymousId = anonymousId
        self.previousId = previousId
        self.timestamp = timestamp
        self.receivedAt = receivedAt
        self.eventName = eventName
        self.properties = properties
        self.context = context
        self.traits = traits
        self.value = value
        self.currency = currency
        self.orderId = orderId
    }

    /// True for the semantic event that deletes a person.
    public var isUserDeleted: Bool { kind == .track && eventName == "User Deleted" }
}

/// One identify trait: its key, its value as JSON text, and typed copies for rules.
public struct Trait: Sendable, Equatable {
    public var key: String
    /// The value as JSON text; nil when the trait was sent as `null` (which removes it).
    public var json: String?
    /// The value as a number, when it is a number or a numeric string.
    public var number: Double?
    /// The value, when it is a JSON string.
    public var string: String?
    /// The value as an instant (ms), when it is an ISO-8601 string or a number of Unix seconds.
    public var timeMillis: Int64?

    public init(key: String, json: String?, number: Double? = nil, string: String? = nil, timeMillis: Int64? = nil) {
        self.key = key
        self.json = json
        self.number = number
        self.string = string
        self.timeMillis = timeMillis
    }
}

/// Input that could not be stored, kept with its reason.
public struct Rejection: Sendable, Equatable {
    /// The file name, `-`, or the endpoint it came from.
    public var source: String
    /// The 1-based line number, when the input came in lines.
    public var line: Int?
    public var reason: String
    public var messageId: String?
    public var raw: String

    public init(source: String, line: Int?, reason: String, messageId: String? = nil, raw: String) {
        self.source = source
        self.line = line
        self.reason = reason
        self.messageId = messageId
        self.raw = raw
    }
}

/// A decoded input: a message to store, or a rejection to keep.
public enum IngestItem: Sendable {
    case message(IngestMessage)
    case rejected(Rejection)
}

/// What an ingest did: `read = stored + duplicates + rejected`.
public struct IngestCounts: Sendable, Equatable, Codable {
    public var read = 0
    public var stored = 0
    public var duplicates = 0
    public var rejected = 0

    public init(read: Int = 0, stored: Int = 0, duplicates: Int = 0, rejected: Int = 0) {
        self.read = read
        self.stored = stored
        self.duplicates = duplicates
        self.rejected = rejected
    }

    public static func += (lhs: inout IngestCounts, rhs: IngestCounts) {
        lhs.read += rhs.read
        lhs.stored += rhs.stored
        lhs.duplicates += rhs.duplicates
        lhs.rejected += rhs.rejected
    }
}
