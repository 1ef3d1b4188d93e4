import Pinterest

/// A check an event must pass before it is sent; its raw value is the reason recorded and reported.
public enum ConversionCheck: String, Sendable, Hashable, CaseIterable, Codable {
    /// None of email, mobile ad id, or IP address with user agent: Pinterest cannot match the event. Held back,
    /// and looked at again while young enough (the person may be identified later).
    case unmatchable
    /// Older than the accepted age, against the wall clock when sending. Skipped for good.
    case tooOld = "too_old"
    /// A purchase (`checkout`) without order_id, value or currency. Held back unless
    /// `--allow-incomplete-purchases`; looked at again while young enough.
    case incompletePurchase = "incomplete_purchase"

    /// Whether a later run looks at the event again (it is `held`), or never (`skipped`).
    public var isFinal: Bool { self == .tooOld }

    /// Every check with a count of 0, so that reports always name all three.
    static let zeroCounts = Dictionary(uniqueKeysWithValues: allCases.map { ($0, 0) })
}

/// What a run does with one mapped event.
struct ConversionDecision: Sendable {
    /// The verdict.
    enum Verdict: Sendable {
        /// Send ``ConversionDecision/event``; `warning` names a check it is sent despite
        /// (`--allow-incomplete-purchases`).
        case send(warning: ConversionCheck?)
        /// Do not send it now: it failed this check.
        case stop(ConversionCheck)
        /// A repeated Add to Cart, collapsed into the kept event with this id.
        case collapse(into: Int64)
    }

    /// The `event_id` the event is (or would be) sent with.
    var pinterestID: String
    /// The Pinterest event name.
    var conversion: ConversionEventName
    /// For `add_to_cart`, the product (`product_id`, else `sku`): the collapse window's key.
    var product: String?
    /// The verdict.
    var verdict: Verdict
    /// The event to send, for `.send`; `nil` otherwise, and once it is encoded.
    var event: ConversionEvent?
}

extension ConversionCheck {
    /// `3 unmatchable, 1 too_old, …`: how many events failed each check, every check named, in order.
    static func skippedText(_ count: (ConversionCheck) -> Int) -> String {
        allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// `  failed 12: reason` lines, most frequent first (ties by reason, so the text is the same each time).
    static func failureLines(_ failures: [String: Int], limit: Int = .max) -> [String] {
        failures.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit)
            .map { "  failed \($0.value): \($0.key)" }
    }
}
