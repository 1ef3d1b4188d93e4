import Foundation
import SegsyncTesting

/// One message of a generated feed, as the reference model reads it; ``line`` is how the feed sends it.
struct StreamMessage: Sendable {
    enum Kind: Sendable {
        case track(String)
        case page
        /// Traits in the order sent; a nil value is JSON `null`, which removes the key.
        case identify([(key: String, json: String?)])
        case alias(previous: String)
    }

    var id: String
    var kind: Kind
    var userId: String?
    var anonymousId: String?
    /// Milliseconds since the epoch.
    var timestamp: Int64

    /// The message as the official Python client writes it.
    var json: String {
        var fields = [
            "\"messageId\": \"\(id)\"", "\"timestamp\": \"\(Message.time(Double(timestamp - Message.base) / 1000))\"",
        ]
        switch kind {
        case .track(let name):
            fields += ["\"type\": \"track\"", "\"event\": \"\(name)\"", "\"properties\": {\"sku\": \"s-1\"}"]
        case .page:
            fields += ["\"type\": \"page\"", "\"name\": \"Lookbook\"", "\"properties\": {\"path\": \"/lookbook\"}"]
        case .identify(let traits):
            let body = traits.map { "\"\($0.key)\": \($0.json ?? "null")" }.joined(separator: ", ")
            fields += ["\"type\": \"identify\"", "\"traits\": {\(body)}"]
        case .alias(let previous):
            fields += ["\"type\": \"alias\"", "\"previousId\": \"\(previous)\""]
        }
        fields.append("\"userId\": " + (userId.map { "\"\($0)\"" } ?? "null"))
        if case .alias = kind {} else { fields.append("\"anonymousId\": " + (anonymousId.map { "\"\($0)\"" } ?? "null")) }
        fields.append("\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"1.1.0\"}}")
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// A random feed shaped like Customer.io's: one stream in time order, interleaved across many people, with
/// anonymous browsing identified later, returning visitors on new devices (merges), shared devices, aliases
/// (of devices and of renamed userIds), emails that move between people or are not emails, traits removed
/// with null, mixed-case keys, User Deleted followed by late and by newer messages, messages delivered late
/// and twice, and malformed lines.
///
/// People come in small households whose identifiers cross only inside the household, so the feed can be
/// split by household among concurrent clients without changing what it means: each household's messages keep
/// their order, and households commute.
struct IdentityStream: Sendable {
    enum Item: Sendable {
        case message(StreamMessage)
        case malformed(String)
    }

    /// In delivery order, each with its household.
    var items: [(household: Int, item: Item)] = []
    let seed: UInt64

    var messages: [StreamMessage] {
        items.compactMap { if case .message(let message) = $0.item { message } else { nil } }
    }

    /// NDJSON as a file or export holds it: most messages a line, some lines a batch envelope or an array.
    func ndjson() -> String {
        var random = SplitMix64(seed: seed ^ 0xF11E)
        var lines: [String] = []
        var index = 0
        while index < items.count {
            let run = items[index..<min(items.count, index + Int.random(in: 2...4, using: &random))]
            let messages = run.compactMap { if case .message(let message) = $0.item { message.json } else { nil } }
            let shape = Int.random(in: 0..<10, using: &random)
            if messages.count == run.count, shape == 0 {
                lines.append("{\"batch\": [" + messages.joined(separator: ", ") + "]}")
                index += run.count
            } else if messages.count == run.count, shape == 1 {
                lines.append("[" + messages.joined(separator: ", ") + "]")
                index += run.count
            } else {
                switch items[index].item {
                case .message(let message): lines.append(message.json)
                case .malformed(let line): lines.append(line)
                }
                index += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    init(seed: UInt64, households: Int = 150) {
        self.seed = seed
        var random = SplitMix64(seed: seed)
        var timeline: [(ts: Int64, order: Int, household: Int, item: Item)] = []
        var serial = 0
        for household in 0..<households {
            var house = Household(index: household, seed: seed, random: &random)
            for (ts, item) in house.activity(random: &random) {
                timeline.append((ts, serial, household, item))
                serial += 1
            }
        }
        // One stream in time order across everyone (ties in the order they were made).
        timeline.sort { ($0.ts, $0.order) < ($1.ts, $1.order) }
        var delivered = timeline.map { (household: $0.household, item: $0.item) }
        // Late deliveries: a message held back behind later ones.
        for index in stride(from: delivered.count - 1, through: 0, by: -1) where random.chance(0.05) {
            let moved = delivered.remove(at: index)
            delivered.insert(moved, at: min(delivered.count, index + Int.random(in: 1...60, using: &random)))
        }
        // Resends: the same message again, a little later.
        var index = 0
        while index < delivered.count {
            if case .message = delivered[index].item, random.chance(0.03) {
                delivered.insert(delivered[index], at: min(delivered.count, index + Int.random(in: 1...40, using: &random)))
            }
            index += 1
        }
        // Lines no decoder can store.
        for position in stride(from: delivered.count, through: 0, by: -1) where random.chance(0.01) {
            let household = delivered[min(position, delivered.count - 1)].household
            delivered.insert((household, .malformed(Self.malformed(position, random: &random))), at: position)
        }
        items = delivered
    }

    static func malformed(_ n: Int, random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return "{\"type\": \"track\", \"event\": \"Product Viewed\", \"messageId\": \"bad-\(n)\", \"timestamp\": "
        case 1: return "{\"type\": \"track\", \"event\": \"Product Viewed\", \"messageId\": \"bad-\(n)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"userId\": null, \"anonymousId\": null}"
        case 2: return "{\"type\": \"purchase\", \"userId\": \"u-x\", \"messageId\": \"bad-\(n)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\"}"
        case 3: return "{\"type\": \"track\", \"event\": \"Add to Cart\", \"userId\": \"u-x\", "
            + "\"messageId\": \"bad-\(n)\", \"timestamp\": \"yesterday at noon\"}"
        default: return "{\"type\": \"track\", \"userId\": \"u-x\", \"messageId\": \"bad-\(n)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"properties\": {}}"
        }
    }
}

/// A few people who share devices and emails, and what they do over some days.
private struct Household {
    let index: Int
    let seed: UInt64
    var userIds: [String]
    var devices: [[String]]
    var emails: [String]
    var serial = 0

    init(index: Int, seed: UInt64, random: inout SplitMix64) {
        self.index = index
        self.seed = seed
        let size = Int.random(in: 1...3, using: &random)
        userIds = (0..<size).map { "u\(index)-\($0)" }
        devices = (0..<size).map { person in (0..<3).map { "a\(index)-\(person)-\($0)" } }
        emails = (0..<size).map { "p\(index).\($0)@example.com" }
    }

    mutating func id() -> String {
        serial += 1
        return "m-\(seed)-\(index)-\(serial)"
    }

    /// Emails as people type them: cased, padded, or not an email at all.
    func email(_ person: Int, random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return "\"  \(emails[person].uppercased()) \""
        case 1: return "\"n/a\""
        case 2: return "\"\(emails[(person + 1) % emails.count])\""  // moves to a housemate
        default: return "\"\(emails[person])\""
        }
    }

    mutating func activity(random: inout SplitMix64) -> [(Int64, IdentityStream.Item)] {
        var out: [(Int64, IdentityStream.Item)] = []
        // Each household is active over a window of a few days somewhere in a month.
        let start = Message.base + Int64.random(in: 0..<(30 * 86_400), using: &random) * 1000
        let actions = Int.random(in: 6...40, using: &random)
        var clock = start
        for _ in 0..<actions {
            // One action in ten shares its neighbour's millisecond: ties decide by arrival, and a merge keeps the target's.
            clock += random.chance(0.1) ? 0 : Int64.random(in: 1...7200, using: &random) * 1000
            let person = Int.random(in: 0..<userIds.count, using: &random)
            let device = devices[person][Int.random(in: 0..<3, using: &random)]
            let user = userIds[person]
            func message(_ kind: StreamMessage.Kind, user: String?, anonymous: String?, at ts: Int64) -> IdentityStream.Item {
                .message(StreamMessage(id: id(), kind: kind, userId: user, anonymousId: anonymous, timestamp: ts))
            }
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<30:  // anonymous browsing
                let name = ["Product Viewed", "Add to Cart", "Product Viewed"][Int.random(in: 0..<3, using: &random)]
                out.append((clock, message(.track(name), user: nil, anonymous: device, at: clock)))
            case 30..<36:
                out.append((clock, message(.page, user: nil, anonymous: device, at: clock)))
            case 36..<54:  // known activity, from a device or from the server
                let name = ["Checkout Started", "Order Completed", "Add to Cart"][Int.random(in: 0..<3, using: &random)]
                let anonymous = random.chance(0.5) ? device : nil
                out.append((clock, message(.track(name), user: user, anonymous: anonymous, at: clock)))
            case 54..<76:  // identify, usually on a device: joins (or merges) the device's browsing
                var traits: [(String, String?)] = []
                if random.chance(0.6) { traits.append((random.chance(0.15) ? "Email" : "email", email(person, random: &random))) }
                if random.chance(0.5) { traits.append(("ltv", String(Int.random(in: 0...900, using: &random)))) }
                if random.chance(0.3) { traits.append(("phone", "\"+1 555 0\(Int.random(in: 100...999, using: &random))\"")) }
                if random.chance(0.2) { traits.append((random.chance(0.5) ? "Plan" : "plan", random.chance(0.3) ? nil : "\"gold\"")) }
                if random.chance(0.1) { traits.append(("email", nil)) }
                let anonymous = random.chance(0.75) ? device : nil
                out.append((clock, message(.identify(traits.map { (key: $0.0, json: $0.1) }), user: user, anonymous: anonymous, at: clock)))
            case 76..<80:  // an anonymous visitor leaves an email in a form; a known person may claim it later
                let traits = [(key: "email", json: Optional("\"\(emails[person])\""))]
                out.append((clock, message(.identify(traits), user: nil, anonymous: device, at: clock)))
            case 80..<84:  // shared device: a housemate signs in on this person's device
                let other = userIds[(person + 1) % userIds.count]
                out.append((clock, message(.identify([]), user: other, anonymous: device, at: clock)))
            case 84..<88:
                out.append((clock, message(.alias(previous: device), user: user, anonymous: nil, at: clock)))
            case 88..<91:  // a renamed userId: aliased, then used from here on
                let renamed = user + "r"
                out.append((clock, message(.alias(previous: user), user: renamed, anonymous: nil, at: clock)))
                userIds[person] = renamed
            case 91..<94:
                out.append((clock, message(.track("User Deleted"), user: user, anonymous: nil, at: clock)))
                if random.chance(0.6) {  // a message from before the deletion, delivered after it
                    let late = clock - Int64.random(in: 1...3600, using: &random) * 1000
                    out.append((clock, message(.track("Product Viewed"), user: user, anonymous: nil, at: late)))
                }
            default:  // a message stamped earlier than its neighbours (clock skew, retries)
                let earlier = clock - Int64.random(in: 1...86_400, using: &random) * 1000
                out.append((clock, message(.identify([(key: "ltv", json: "1")]), user: user, anonymous: nil, at: earlier)))
            }
        }
        return out
    }
}

extension SplitMix64 {
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}
