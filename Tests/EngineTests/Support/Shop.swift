import Engine

/// Customer.io messages shaped as the official Python client sends them, with timestamps to the
/// millisecond (the shared `Message` helpers take seconds as a `Double`, which cannot pin window edges).
enum Shop {
    /// 2024-05-01T00:00:00Z: the instant most tests evaluate at.
    static let now: Int64 = 1_714_521_600_000
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    static func track(
        _ event: String, user: String? = nil, anonymous: String? = nil, at ts: Int64, properties: String = "{}",
        id: String
    ) -> String {
        "{\"type\": \"track\", \"event\": \(quoted(event)), \"userId\": \(quoted(user)), "
            + "\"anonymousId\": \(quoted(anonymous)), \"properties\": \(properties), "
            + "\"timestamp\": \"\(Timestamp.format(ts))\", \"messageId\": \(quoted(id))}"
    }

    static func identify(_ user: String? = nil, anonymous: String? = nil, at ts: Int64, traits: String, id: String)
        -> String
    {
        "{\"type\": \"identify\", \"userId\": \(quoted(user)), \"anonymousId\": \(quoted(anonymous)), "
            + "\"traits\": \(traits), \"timestamp\": \"\(Timestamp.format(ts))\", \"messageId\": \(quoted(id))}"
    }

    static func alias(previous: String, user: String, at ts: Int64, id: String) -> String {
        "{\"type\": \"alias\", \"previousId\": \(quoted(previous)), \"userId\": \(quoted(user)), "
            + "\"timestamp\": \"\(Timestamp.format(ts))\", \"messageId\": \(quoted(id))}"
    }

    /// A JSON string, or `null`.
    static func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        return JSON.string(text).text
    }
}
