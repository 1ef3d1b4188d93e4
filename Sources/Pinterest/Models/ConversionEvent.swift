/// One conversion event for `POST /ad_accounts/{id}/events`, keyed exactly as the spec's `ConversionEvents` item.
///
/// Required by the spec: `event_name`, `action_source`, `event_time` (Unix seconds), `event_id` and `user_data`.
/// Optional fields left `nil` are omitted from the JSON, never sent as `null`. The spec rejects unknown keys, and
/// this type can produce none. (`app_info` and `device_info` are not modelled: segsync has no such data.)
///
/// ```swift
/// let event = ConversionEvent(
///     eventName: .checkout, actionSource: .web, eventTime: 1_764_417_600, eventID: "order-1001",
///     userData: ConversionUserData(hashing: RawUserData(emails: ["a@example.com"])),
///     customData: ConversionCustomData(currency: "USD", value: "72.39", orderID: "1001"))
/// ```
public struct ConversionEvent: Sendable, Hashable, Codable {
    /// The event's type; Pinterest accepts only these names.
    public var eventName: ConversionEventName
    /// Where the conversion happened.
    public var actionSource: ConversionActionSource
    /// When the event happened, Unix seconds.
    public var eventTime: Int64
    /// A stable id: Pinterest deduplicates on it against its tag and against resends.
    public var eventID: String
    /// Who converted, hashed.
    public var userData: ConversionUserData
    /// Value, currency, order and products.
    public var customData: ConversionCustomData?
    /// The page's URL, for web events.
    public var eventSourceURL: String?
    /// Whether the user opted out of tracking (or limited ad tracking, for app events).
    public var optOut: Bool?
    /// The partner sending on the advertiser's behalf, `ss-partnername`.
    public var partnerName: String?
    /// Two-letter ISO-639-1 language code.
    public var language: String?
    /// The app store id, for app events.
    public var appID: String?
    /// The app's name, for app events.
    public var appName: String?
    /// The app's version, for app events.
    public var appVersion: String?
    /// The device's brand, for app events.
    public var deviceBrand: String?
    /// The device's mobile carrier, for app events.
    public var deviceCarrier: String?
    /// The device's model, for app events.
    public var deviceModel: String?
    /// The device's type, for app events.
    public var deviceType: String?
    /// The device's operating system version, for app events.
    public var osVersion: String?
    /// Whether the device was on wifi.
    public var wifi: Bool?

    /// Creates an event with its required fields and the common optional ones.
    public init(
        eventName: ConversionEventName, actionSource: ConversionActionSource, eventTime: Int64, eventID: String,
        userData: ConversionUserData, customData: ConversionCustomData? = nil, eventSourceURL: String? = nil,
        optOut: Bool? = nil, partnerName: String? = nil, language: String? = nil
    ) {
        self.eventName = eventName
        self.actionSource = actionSource
        self.eventTime = eventTime
        self.eventID = eventID
        self.userData = userData
        self.customData = customData
        self.eventSourceURL = eventSourceURL
        self.optOut = optOut
        self.partnerName = partnerName
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case language, wifi
        case eventName = "event_name"
        case actionSource = "action_source"
        case eventTime = "event_time"
        case eventID = "event_id"
        case userData = "user_data"
        case customData = "custom_data"
        case eventSourceURL = "event_source_url"
        case optOut = "opt_out"
        case partnerName = "partner_name"
        case appID = "app_id"
        case appName = "app_name"
        case appVersion = "app_version"
        case deviceBrand = "device_brand"
        case deviceCarrier = "device_carrier"
        case deviceModel = "device_model"
        case deviceType = "device_type"
        case osVersion = "os_version"
    }
}

/// Pinterest's conversion event names, as the spec lists them.
public enum ConversionEventName: String, Sendable, Hashable, Codable, CaseIterable {
    case addPaymentInfo = "add_payment_info"
    case addToCart = "add_to_cart"
    case addToWishlist = "add_to_wishlist"
    case appInstall = "app_install"
    /// Pinterest's purchase event.
    case checkout
    case custom
    case initiateCheckout = "initiate_checkout"
    case lead
    case pageVisit = "page_visit"
    case search
    case signup
    case subscribe
    case viewCategory = "view_category"
    case viewContent = "view_content"
    case watchVideo = "watch_video"
}

/// Where a conversion happened: `web`, `app_android`, `app_ios` or `offline`.
public enum ConversionActionSource: String, Sendable, Hashable, Codable, CaseIterable {
    case web
    case appAndroid = "app_android"
    case appIOS = "app_ios"
    case offline
}

/// The body of `POST /ad_accounts/{id}/events`: `{"data": [...]}`, 1 to 1000 events.
struct ConversionEventsRequest: Encodable, Sendable {
    var data: [ConversionEvent]
}
