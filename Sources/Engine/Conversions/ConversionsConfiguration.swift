import Pinterest

/// What `segsync conversions send` forwards to Pinterest's Conversions API, and how strictly it checks.
///
/// The defaults start narrow, as the field advises: the shop's funnel events only.
///
/// | Customer.io event | Pinterest event |
/// |---|---|
/// | Add to Cart, Product Added | `add_to_cart` |
/// | Checkout Started | `initiate_checkout` |
/// | Order Completed, Purchase | `checkout` (Pinterest's purchase event) |
/// | Product Viewed | `page_visit` |
///
/// Change them with a `conversions.yml` file (see ``init(yaml:file:)``).
public struct ConversionsConfiguration: Sendable, Equatable {
    /// Customer.io event name (exactly as sent) → Pinterest event name. Events not in the map are not sent.
    public var events: [String: ConversionEventName]
    /// A property that carries the id your Pinterest tag sent for the same event, used as `event_id` when
    /// present, so that Pinterest deduplicates the tag's event against this one.
    public var eventIDProperty: String?
    /// Events older than this, measured against the wall clock when sending, are skipped as `too_old`.
    public var maxAge: Duration
    /// An Add to Cart for the same person and product within this after the one kept is collapsed into it.
    public var cartWindow: Duration
    /// The `action_source` of events whose context names no platform (no page, user agent, app or device).
    public var defaultActionSource: ConversionActionSource
    /// The calling code for phone numbers written without one (`"1"` for the US); `nil` takes numbers as
    /// written with their country code.
    public var defaultCallingCode: String?

    /// The default map and limits.
    public static let standard = ConversionsConfiguration()

    /// The default map.
    public static let defaultEvents: [String: ConversionEventName] = [
        "Add to Cart": .addToCart, "Product Added": .addToCart, "Checkout Started": .initiateCheckout,
        "Order Completed": .checkout, "Purchase": .checkout, "Product Viewed": .pageVisit,
    ]

    /// Creates a configuration; every argument has the default of `conversions.yml`'s documentation.
    public init(
        events: [String: ConversionEventName] = ConversionsConfiguration.defaultEvents,
        eventIDProperty: String? = nil,
        maxAge: Duration = .seconds(7 * 86_400),
        cartWindow: Duration = .seconds(30 * 60),
        defaultActionSource: ConversionActionSource = .web,
        defaultCallingCode: String? = nil
    ) {
        self.events = events
        self.eventIDProperty = eventIDProperty
        self.maxAge = maxAge
        self.cartWindow = cartWindow
        self.defaultActionSource = defaultActionSource
        self.defaultCallingCode = defaultCallingCode
    }

    /// The mapped Customer.io event names, sorted.
    public var mappedNames: [String] { events.keys.sorted() }

    /// The Customer.io event names that map to `add_to_cart`, sorted: the collapse window applies to them.
    public var cartNames: [String] { events.filter { $0.value == .addToCart }.map(\.key).sorted() }

    /// ``maxAge`` in milliseconds.
    var maxAgeMillis: Int64 { Self.millis(maxAge) }

    /// ``cartWindow`` in milliseconds.
    var cartWindowMillis: Int64 { Self.millis(cartWindow) }

    static func millis(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
