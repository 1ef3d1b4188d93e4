import Foundation
import Pinterest

/// What a message's `context` (as the Customer.io and Segment libraries send it) says about where an event
/// happened and from which device: the plain `user_data` fields, the platform, and the app details.
///
/// ```swift
/// let context = ConversionContext(ConversionJSON(parsing: #"{"ip": "203.0.113.9", "userAgent": "Mozilla/5.0"}"#))
/// context.actionSource(default: .offline)   // .web: a user agent means a browser
/// ```
struct ConversionContext: Sendable, Equatable {
    /// `context.ip`.
    var ipAddress: String?
    /// `context.userAgent`.
    var userAgent: String?
    /// `context.page.url`.
    var pageURL: String?
    /// `context.device.advertisingId` (IDFA, GAID), unless all zeros (tracking limited).
    var advertisingID: String?
    /// `context.device.adTrackingEnabled`.
    var adTrackingEnabled: Bool?
    /// The language of `context.locale`, two lowercase letters.
    var language: String?
    /// The `epik` query parameter of the page URL: Pinterest's click id.
    var clickID: String?
    /// The platform the context names, `nil` when it names none.
    var platform: ConversionActionSource?
    /// `context.app.name`.
    var appName: String?
    /// `context.app.version`.
    var appVersion: String?
    /// `context.device.manufacturer`.
    var deviceBrand: String?
    /// `context.device.model`.
    var deviceModel: String?
    /// `context.os.version`.
    var osVersion: String?
    /// `context.network.carrier`.
    var carrier: String?
    /// `context.network.wifi`.
    var wifi: Bool?

    /// An empty context: the message had none.
    init() {}

    /// Reads a context object.
    init(_ json: ConversionJSON) {
        ipAddress = json["ip"]?.text
        userAgent = json["userAgent"]?.text ?? json["user_agent"]?.text
        let page = json["page"]
        pageURL = page?["url"]?.text
        let device = json["device"]
        let advertisingID = device?["advertisingId"]?.text
        if let advertisingID, advertisingID.contains(where: { $0 != "0" && $0 != "-" }) {
            self.advertisingID = advertisingID
        }
        adTrackingEnabled = device?["adTrackingEnabled"]?.bool
        language = json["locale"]?.text.flatMap(Self.language)
        clickID = pageURL.flatMap(Self.clickID)
        appName = json["app"]?["name"]?.text
        appVersion = json["app"]?["version"]?.text
        deviceBrand = device?["manufacturer"]?.text
        deviceModel = device?["model"]?.text
        osVersion = json["os"]?["version"]?.text
        carrier = json["network"]?["carrier"]?.text
        wifi = json["network"]?["wifi"]?.bool
        platform = Self.platform(
            library: json["library"]?["name"]?.text ?? "", deviceType: device?["type"]?.text ?? "",
            osName: json["os"]?["name"]?.text ?? "", isApp: json["app"] != nil,
            isWeb: pageURL != nil || userAgent != nil
        )
    }

    /// The event's `action_source`: the platform the context names, else `fallback`.
    func actionSource(default fallback: ConversionActionSource) -> ConversionActionSource {
        platform ?? fallback
    }

    /// An app's device type or library decides first (mobile apps send user agents too); then a page or a user
    /// agent means the web. Names are compared without regard to case.
    static func platform(
        library: String, deviceType: String, osName: String, isApp: Bool, isWeb: Bool
    ) -> ConversionActionSource? {
        func named(_ text: String, _ name: StaticString) -> Bool {
            text.utf8.count == name.utf8CodeUnitCount && contains(text, name)
        }
        if named(deviceType, "ios") || (isApp && (named(osName, "ios") || named(osName, "ipados")))
            || contains(library, "ios") || contains(library, "swift")
        {
            return .appIOS
        }
        if named(deviceType, "android") || (isApp && named(osName, "android")) || contains(library, "android")
            || contains(library, "kotlin")
        {
            return .appAndroid
        }
        if isWeb || contains(library, "analytics.js") || contains(library, "analytics-next")
            || contains(library, "analytics-browser") || contains(library, "javascript")
        {
            return .web
        }
        return nil
    }

    /// Whether `text` contains the ASCII `needle`, ignoring ASCII case; bytewise, without Foundation.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: count)
        let utf8 = text.utf8
        guard count > 0, utf8.count >= count else { return count == 0 }
        func matches(_ bytes: some Collection<UInt8>) -> Bool {
            var window = bytes.startIndex
            for _ in 0...(bytes.count - count) {
                var candidate = window
                var matched = true
                for expected in pattern {
                    let byte = bytes[candidate]
                    let lowered = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                    if lowered != expected {
                        matched = false
                        break
                    }
                    candidate = bytes.index(after: candidate)
                }
                if matched { return true }
                window = bytes.index(after: window)
            }
            return false
        }
        return utf8.withContiguousStorageIfAvailable(matches) ?? matches(utf8)
    }

    /// `en-US` → `en`; `nil` unless the locale starts with two letters.
    static func language(_ locale: String) -> String? {
        let prefix = locale.prefix { $0 != "-" && $0 != "_" }.lowercased()
        guard prefix.count == 2, prefix.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return prefix
    }

    /// The `epik` query parameter of a URL, percent-decoded.
    static func clickID(_ url: String) -> String? {
        guard contains(url, "epik="), let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else {
            return nil
        }
        let beforeFragment = query.split(separator: "#", maxSplits: 1).first ?? ""
        for pair in beforeFragment.split(separator: "&") where pair.hasPrefix("epik=") {
            let value = pair.dropFirst(5)
            guard !value.isEmpty else { return nil }
            return String(value).removingPercentEncoding ?? String(value)
        }
        return nil
    }
}
