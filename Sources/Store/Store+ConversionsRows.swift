/// A stored event as the conversions run reads it: the event's columns and its person's contact columns.
///
/// `properties` and `context` are the JSON texts as sent; the Engine reads what Pinterest needs from them.
public struct ConversionSourceEvent: Sendable, Equatable {
    /// `events.id`.
    public var id: Int64
    /// The person the event belongs to now (after merges).
    public var personID: Int64
    /// The event name as sent: `Order Completed`.
    public var name: String
    /// When it happened, milliseconds since the epoch.
    public var timestamp: Int64
    /// The message's `messageId`.
    public var messageID: String
    /// The `value` property, else `revenue`, else `total`.
    public var value: Double?
    /// The `currency` property.
    public var currency: String?
    /// The `order_id` property.
    public var orderID: String?
    /// The properties, a JSON object text.
    public var properties: String
    /// The context, a JSON object text, when the message had one.
    public var context: String?
    /// The person's userId, when known.
    public var userID: String?
    /// The person's current email trait, as sent.
    public var email: String?
    /// The person's current phone trait, as sent.
    public var phone: String?
    /// Why an earlier run held the event back, when it did (`unmatchable`, `incomplete_purchase`).
    public var heldReason: String?

    /// Creates a source event.
    public init(
        id: Int64, personID: Int64, name: String, timestamp: Int64, messageID: String, value: Double? = nil,
        currency: String? = nil, orderID: String? = nil, properties: String = "{}", context: String? = nil,
        userID: String? = nil, email: String? = nil, phone: String? = nil, heldReason: String? = nil
    ) {
        self.id = id
        self.personID = personID
        self.name = name
        self.timestamp = timestamp
        self.messageID = messageID
        self.value = value
        self.currency = currency
        self.orderID = orderID
        self.properties = properties
        self.context = context
        self.userID = userID
        self.email = email
        self.phone = phone
        self.heldReason = heldReason
    }
}

/// Which stored events a conversions run looks at for the first time.
///
/// Normally the events after the cursor: `startAfter == cursor`. When the cursor cannot be trusted (its event
/// is gone, so SQLite may have reused ids; or the map of event names changed), the run starts from the first
/// event (`startAfter == 0`) and takes events at or below the old cursor only when they are at least as new as
/// `floor`. Events that a run already decided about (they have a `conversion_events` row) are never selected.
public struct ConversionScan: Sendable, Equatable {
    /// The mapped event names.
    public var names: [String]
    /// Select ids above this.
    public var startAfter: Int64
    /// Ids at or below this must be at least as new as ``floor``.
    public var cursor: Int64
    /// Milliseconds; see ``cursor``.
    public var floor: Int64
    /// The largest id of this run's snapshot: events stored during the run wait for the next one.
    public var upTo: Int64

    /// Creates a scan.
    public init(names: [String], startAfter: Int64, cursor: Int64, floor: Int64, upTo: Int64) {
        self.names = names
        self.startAfter = startAfter
        self.cursor = cursor
        self.floor = floor
        self.upTo = upTo
    }
}

/// An Add to Cart event as the collapse window needs it: who, which product, when.
public struct ConversionCartEvent: Sendable, Equatable {
    /// `events.id`.
    public var id: Int64
    /// The person.
    public var personID: Int64
    /// The product id (`product_id`, else `sku` of the properties); `nil` when there is none.
    public var product: String?
    /// Milliseconds since the epoch.
    public var timestamp: Int64

    /// Creates a cart event.
    public init(id: Int64, personID: Int64, product: String?, timestamp: Int64) {
        self.id = id
        self.personID = personID
        self.product = product
        self.timestamp = timestamp
    }
}

/// What a conversions run decided about one stored event, to be recorded in `conversion_events`.
public struct ConversionOutcome: Sendable, Equatable {
    /// The decision.
    public enum Status: String, Sendable, CaseIterable {
        /// Pinterest processed it: never sent again.
        case processed
        /// Pinterest failed it; ``ConversionOutcome/reason`` holds its message: never sent again.
        case failed
        /// Held back by a check a later run may see differently (`unmatchable`, `incomplete_purchase`).
        case held
        /// Skipped for good (`too_old`).
        case skipped
        /// A repeated Add to Cart, collapsed into the one kept.
        case collapsed
    }

    /// `events.id`.
    public var eventID: Int64
    /// The Pinterest event name it maps to.
    public var conversion: String
    /// The `event_id` sent, or that would be sent.
    public var pinterestID: String
    /// The decision.
    public var status: Status
    /// The check (held, skipped) or Pinterest's error message (failed).
    public var reason: String?
    /// Pinterest's warning, or a check the event was sent despite.
    public var warning: String?
    /// For a collapsed event, the Add to Cart kept.
    public var collapsedInto: Int64?
    /// For Add to Cart, the product.
    public var product: String?
    /// The event's time, milliseconds.
    public var timestamp: Int64

    /// Creates an outcome.
    public init(
        eventID: Int64, conversion: String, pinterestID: String, status: Status, reason: String? = nil,
        warning: String? = nil, collapsedInto: Int64? = nil, product: String? = nil, timestamp: Int64
    ) {
        self.eventID = eventID
        self.conversion = conversion
        self.pinterestID = pinterestID
        self.status = status
        self.reason = reason
        self.warning = warning
        self.collapsedInto = collapsedInto
        self.product = product
        self.timestamp = timestamp
    }
}

/// Where the next conversions run starts.
public struct ConversionCursor: Sendable, Equatable {
    /// Every mapped event up to this id has been decided about.
    public var lastEventID: Int64
    /// The `messageId` of the event with that id when the cursor was saved; `nil` when there was none.
    public var lastMessageID: String?
    /// The mapped event names, sorted and joined by a tab.
    public var names: String

    /// Creates a cursor.
    public init(lastEventID: Int64, lastMessageID: String?, names: String) {
        self.lastEventID = lastEventID
        self.lastMessageID = lastMessageID
        self.names = names
    }
}

/// How a conversions run stands (`conversion_runs.status`, kept to these by the schema's CHECK).
public enum ConversionRunStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not finished: going on, or killed.
    case running
    case ok
    /// Stopped by an error; the run's `error` says which.
    case failed
}

/// One recorded conversions run.
public struct ConversionRunRecord: Sendable, Equatable {
    /// The run's id.
    public var id: Int64
    /// When it started, milliseconds.
    public var startedAt: Int64
    /// When it finished, milliseconds; `nil` while running (or when it was killed).
    public var finishedAt: Int64?
    /// Whether it sent with `test=true`.
    public var test: Bool
    public var status: ConversionRunStatus
    /// Why it failed.
    public var error: String?
    /// Its summary, JSON.
    public var summary: String?

    /// Creates a run record.
    public init(
        id: Int64, startedAt: Int64, finishedAt: Int64?, test: Bool, status: ConversionRunStatus, error: String?,
        summary: String?
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.test = test
        self.status = status
        self.error = error
        self.summary = summary
    }
}
