import Foundation
import Store

/// Messages for the Conversions API tests, shaped as the official Python client sends them, at absolute
/// instants (conversion events must be younger than the accepted age against the wall clock) and with the
/// context a browser-fed server passes along: IP address, user agent, page.
extension Message {
    /// The Python client's timestamp text for milliseconds since the epoch: `2026-11-28T14:30:05.123+00:00`.
    public static func isoTime(millis: Int64) -> String {
        var text = Timestamp.format(millis)
        text.removeLast()
        if !text.contains(".") { text += ".000" }
        return text + "+00:00"
    }

    /// Milliseconds since the epoch, `ago` seconds before now.
    public static func millis(ago seconds: Double) -> Int64 {
        Store.wallClockMillis() - Int64(seconds * 1000)
    }

    /// A browser's context: library, IP address, user agent and page, each left out when `nil`.
    public static func webContext(
        ip: String? = "203.0.113.9", userAgent: String? = "Mozilla/5.0 (X11; Linux x86_64)",
        url: String? = "https://shop.example/cart"
    ) -> String {
        var fields = ["\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}"]
        if let ip { fields.append("\"ip\": \(quoted(ip))") }
        if let userAgent { fields.append("\"userAgent\": \(quoted(userAgent))") }
        if let url { fields.append("\"page\": {\"url\": \(quoted(url))}") }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A track message at an absolute instant with a given context.
    public static func track(
        _ event: String, user: String? = nil, anonymous: String? = nil, atMillis millis: Int64,
        id: String = UUID().uuidString, properties: String = "{}", context: String = webContext()
    ) -> String {
        "{\"integrations\": {}, \"anonymousId\": \(quoted(anonymous)), \"properties\": \(properties), "
            + "\"timestamp\": \"\(isoTime(millis: millis))\", \"context\": \(context), \"userId\": \(quoted(user)), "
            + "\"type\": \"track\", \"event\": \(quoted(event)), \"messageId\": \"\(id)\"}"
    }

    /// An identify message at an absolute instant.
    public static func identify(
        user: String? = nil, anonymous: String? = nil, atMillis millis: Int64, id: String = UUID().uuidString,
        traits: String
    ) -> String {
        "{\"integrations\": {}, \"anonymousId\": \(quoted(anonymous)), \"timestamp\": \"\(isoTime(millis: millis))\", "
            + "\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}}, "
            + "\"type\": \"identify\", \"userId\": \(quoted(user)), \"traits\": \(traits), \"messageId\": \"\(id)\"}"
    }

    /// Order Completed properties with one product line.
    public static func orderProperties(
        orderID: String? = "ord-1", value: Double? = 72.39, currency: String? = "USD", productID: String = "sku-1",
        price: Double = 72.39, quantity: Int = 1
    ) -> String {
        var fields: [String] = []
        if let orderID { fields.append("\"order_id\": \(quoted(orderID))") }
        if let value { fields.append("\"value\": \(value)") }
        if let currency { fields.append("\"currency\": \(quoted(currency))") }
        fields.append(
            "\"products\": [{\"product_id\": \(quoted(productID)), \"price\": \(price), \"quantity\": \(quantity), "
                + "\"name\": \"Linen Shirt\", \"category\": \"shirts\"}]"
        )
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Add to Cart properties for one product.
    public static func cartProperties(productID: String? = "sku-1", price: Double = 58, quantity: Int = 1) -> String {
        var fields = [
            "\"price\": \(price)", "\"quantity\": \(quantity)", "\"currency\": \"USD\"", "\"name\": \"Linen Shirt\"",
        ]
        if let productID { fields.insert("\"product_id\": \(quoted(productID))", at: 0) }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
