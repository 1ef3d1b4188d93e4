import Foundation
import Store

/// One synthetic shopper and the messages their visits produce.
struct DemoPerson {
    let index: Int
    let generator: DemoGenerator
    var random: DemoRandom
    private var pending: [(ts: Int64, json: String)] = []
    /// When this person first shows up.
    private(set) var firstSeen: Int64 = 0

    init(index: Int, generator: DemoGenerator) {
        self.index = index
        self.generator = generator
        self.random = DemoRandom(seed: generator.seed &* 0x1000_0000_01B3 &+ UInt64(index))
    }

    var userId: String { "user-\(index)" }

    /// Adds this person's messages to the feed, each at its time; about one in a hundred is delivered late
    /// (a minute to six hours) and one in two hundred twice, as real feeds do.
    mutating func generate(into feed: DemoFeed) {
        makeMessages()
        for (ts, json) in pending {
            let late = random.chance(0.01) ? Int64.random(in: 60_000...21_600_000, using: &random) : 0
            feed.add(at: ts, delay: late, json)
            if random.chance(0.005) { feed.add(at: ts, delay: late + Int64.random(in: 1_000...3_600_000, using: &random), json) }
        }
    }

    private mutating func makeMessages() {
        let span = Int64(generator.days) * 86_400_000
        firstSeen = generator.now - Int64(Double(span) * pow(Double.random(in: 0..<1, using: &random), 0.8))
        let startsAnonymous = random.chance(0.35)
        let anonymousId = "anon-" + String(random.next() % 0xFFFF_FFFF, radix: 16)
        var ltv = Double(Int.random(in: 0...60, using: &random)) * 10
        var identifiedAt = firstSeen
        var identified = !startsAnonymous
        if identified { identify(at: firstSeen, anonymousId: nil, ltv: ltv, full: true) }

        var sessionTime = firstSeen
        let sessions = 1 + Int(-log(max(1e-9, Double.random(in: 0..<1, using: &random))) * 1.6)
        for session in 0..<sessions {
            if session > 0 {
                sessionTime += Int64(Double.random(in: 0.2...30, using: &random) * 86_400_000)
            }
            guard sessionTime <= generator.now else { break }
            // A returning shopper on a new device browses anonymously; signing in merges that browsing into them.
            let newDevice = identified && random.chance(0.2)
            let anonymousSession = !identified || newDevice
            let deviceId = newDevice ? "anon-\(index)-\(session)" : anonymousId
            var clock = sessionTime
            let identity: (String?, String?) = anonymousSession ? (nil, deviceId) : (userId, nil)
            let product = DemoGenerator.products[Int.random(in: 0..<DemoGenerator.products.count, using: &random)]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let viewed = DemoGenerator.products[Int.random(in: 0..<DemoGenerator.products.count, using: &random)]
                track("Product Viewed", at: clock, identity, "{\"product_id\": \"\(viewed.id)\", \"name\": "
                    + "\"\(viewed.name)\", \"price\": \(viewed.price), \"currency\": \"USD\"}")
                clock += Int64.random(in: 5_000...120_000, using: &random)
            }
            if random.chance(0.15) {
                page(at: clock, identity)
                clock += 4_000
            }
            if newDevice {
                guard random.chance(0.7) else { continue }
                identify(at: clock, anonymousId: deviceId, ltv: ltv, full: false, afterOrder: false)
                clock += 1_000
            } else if anonymousSession {
                guard random.chance(0.6) else { continue }
                identified = true
                identifiedAt = clock
                identify(at: clock, anonymousId: anonymousId, ltv: ltv, full: true)
                clock += 1_000
            }
            guard random.chance(0.5) else { continue }
            let quantity = Int.random(in: 1...2, using: &random)
            let cartEvent = random.chance(0.15) ? "Product Added" : "Add to Cart"
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                track(cartEvent, at: clock, (userId, nil), "{\"product_id\": \"\(product.id)\", \"name\": "
                    + "\"\(product.name)\", \"price\": \(product.price), \"quantity\": \(quantity), \"currency\": \"USD\"}")
                clock += Int64.random(in: 2_000...600_000, using: &random)
            }
            guard random.chance(0.55) else { continue }
            let orderId = "ord-\(index)-\(session)"
            let value = product.price * Double(quantity)
            let commerce = "\"order_id\": \"\(orderId)\", \"value\": \(value), \"revenue\": \(value), "
                + "\"currency\": \"USD\", \"products\": [{\"product_id\": \"\(product.id)\", \"quantity\": \(quantity), "
                + "\"price\": \(product.price)}]"
            track("Checkout Started", at: clock, (userId, nil), "{" + commerce + "}")
            clock += Int64.random(in: 60_000...3_600_000, using: &random)
            guard random.chance(0.6) else { continue }
            let purchaseEvent = random.chance(0.1) ? "Purchase" : "Order Completed"
            track(purchaseEvent, at: clock, (userId, nil), "{" + commerce + ", \"total\": \(value + 5.9)}")
            ltv += value
            identify(at: clock + 1_000, anonymousId: nil, ltv: ltv, full: false)
            if random.chance(0.07) {
                let refundedAt = clock + Int64.random(in: 86_400_000...(10 * 86_400_000), using: &random)
                track(random.chance(0.2) ? "Order Refunded" : "Refunded", at: refundedAt, (userId, nil),
                      "{\"order_id\": \"\(orderId)\", \"value\": \(value), \"currency\": \"USD\"}")
            }
        }
        if identified && random.chance(0.004) {
            track("User Deleted", at: max(identifiedAt, sessionTime) + 86_400_000, (userId, nil), "{}")
        }
    }

    /// `full`: the first identify, with email and phone; otherwise `ltv`, and `last_order_at` when `afterOrder`.
    private mutating func identify(
        at ts: Int64, anonymousId: String?, ltv: Double, full: Bool, afterOrder: Bool = true
    ) {
        var traits = "\"ltv\": \(ltv)"
        if full {
            let email = random.chance(0.08)
                ? " Shopper.\(index)@Example.com " : "shopper.\(index)@example.com"
            traits = "\"email\": \"\(email)\", \"phone\": \"+1 555 \(String(index % 10_000_000).leftPadded(7))\", "
                + "\"first_name\": \"Demo\", \"created_at\": \"\(Self.timestamp(ts))\", " + traits
            if random.chance(0.3) { traits += ", \"plan\": \"" + (random.chance(0.5) ? "gold" : "silver") + "\"" }
        } else if afterOrder {
            traits += ", \"last_order_at\": \"\(Self.timestamp(ts))\""
        }
        let anonymous = anonymousId.map { "\"\($0)\"" } ?? "null"
        add(ts, "{\"integrations\": {}, \"anonymousId\": \(anonymous), \"timestamp\": \"\(Self.timestamp(ts))\", "
            + "\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}}, "
            + "\"type\": \"identify\", \"userId\": \"\(userId)\", \"traits\": {\(traits)}, "
            + "\"messageId\": \"\(random.uuid())\"}")
    }

    private mutating func track(_ event: String, at ts: Int64, _ identity: (String?, String?), _ properties: String) {
        add(ts, "{\"integrations\": {}, \(Self.ids(identity)), \"properties\": \(properties), "
            + "\"timestamp\": \"\(Self.timestamp(ts))\", \"context\": \(context()), \"type\": \"track\", "
            + "\"event\": \"\(event)\", \"messageId\": \"\(random.uuid())\"}")
    }

    private mutating func page(at ts: Int64, _ identity: (String?, String?)) {
        add(ts, "{\"integrations\": {}, \(Self.ids(identity)), \"name\": \"Lookbook\", \"properties\": "
            + "{\"path\": \"/lookbook\", \"title\": \"Lookbook\"}, \"timestamp\": \"\(Self.timestamp(ts))\", "
            + "\"context\": \(context()), \"type\": \"page\", \"messageId\": \"\(random.uuid())\"}")
    }

    private mutating func context() -> String {
        let ip = "203.0.113.\(index % 250 + 1)"
        return "{\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}, \"ip\": \"\(ip)\", "
            + "\"userAgent\": \"Mozilla/5.0 (demo)\", \"page\": {\"url\": \"https://shop.example/\"}}"
    }

    private static func ids(_ identity: (String?, String?)) -> String {
        "\"userId\": " + (identity.0.map { "\"\($0)\"" } ?? "null") + ", \"anonymousId\": "
            + (identity.1.map { "\"\($0)\"" } ?? "null")
    }

    private mutating func add(_ ts: Int64, _ json: String) {
        guard ts <= generator.now else { return }
        pending.append((ts, json))
    }

    /// The Python client's timestamp format: `2026-11-20T14:30:05.123+00:00`.
    static func timestamp(_ millis: Int64) -> String {
        var text = Timestamp.format(millis)
        text.removeLast()  // Z
        if !text.contains(".") { text += ".000" }
        return text + "+00:00"
    }
}
