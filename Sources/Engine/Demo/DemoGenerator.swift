import Foundation
import Store

/// Generates realistic direct-to-consumer data as Customer.io Data Pipelines NDJSON, the way the
/// official Python client sends it: people with email, phone and `ltv`; anonymous browsing later
/// identified; Product Viewed, Add to Cart (repeated, as real sites fire it), Checkout Started,
/// Order Completed with order_id, value and currency, Refunded; pages; a few deletions and a few
/// malformed lines; returning shoppers browsing on a new device, merged when they sign in. The file is one
/// stream in time order across everyone, as Customer.io delivers it, with a few messages late or twice.
/// The same seed, size and `now` give the same bytes.
///
///     var generator = DemoGenerator(people: 20_000, now: now)
///     try generator.write(to: handle)
public struct DemoGenerator: Sendable {
    public var people: Int
    /// The newest instant in the data (ms); events spread over the `days` before it.
    public var now: Int64
    public var days: Int
    public var seed: UInt64

    public init(people: Int = 20_000, now: Int64, days: Int = 120, seed: UInt64 = 2026) {
        self.people = people
        self.now = now
        self.days = days
        self.seed = seed
    }

    static let products: [(id: String, name: String, price: Double)] = [
        ("sku-101", "Linen Shirt", 58), ("sku-102", "Canvas Tote", 24), ("sku-103", "Wool Beanie", 32),
        ("sku-104", "Leather Belt", 45), ("sku-105", "Rain Jacket", 149), ("sku-106", "Trail Sneakers", 120),
        ("sku-107", "Cotton Socks 3-pack", 18), ("sku-108", "Denim Jacket", 98), ("sku-109", "Silk Scarf", 64),
        ("sku-110", "Weekender Bag", 210), ("sku-111", "Cashmere Sweater", 185), ("sku-112", "Sun Hat", 38),
    ]

    /// Writes the feed to `path`, replaced only once complete (see ``OutputFile``); returns the messages written.
    @discardableResult
    public func write(toFile path: String) throws -> Int {
        let file = try OutputFile(replacing: path)
        let messages = try write(to: file.handle)
        try file.commit()
        return messages
    }

    /// Writes the whole data set as NDJSON lines to `output`, as Customer.io delivers it: one stream in time
    /// order across everyone, a few messages delivered late or twice, most alone on a line and some in batch
    /// envelopes or arrays.
    /// - Returns: how many messages (not lines) it wrote, resends and malformed lines included.
    @discardableResult
    public func write(to output: FileHandle) throws -> Int {
        let feed = try DemoFeed(origin: now - Int64(days) * 86_400_000)
        for index in 0..<people {
            var person = DemoPerson(index: index, generator: self)
            person.generate(into: feed)
            if index % 997 == 13 { feed.add(at: person.firstSeen, alone: true, DemoGenerator.malformedLine(index)) }
        }
        return try feed.write(to: output, seed: seed)
    }

    /// Lines real feeds contain now and then, each of which ingest must keep as a rejection.
    static func malformedLine(_ index: Int) -> String {
        switch index % 5 {
        case 0: return "{\"type\": \"track\", \"event\": \"Product Viewed\", \"userId\": \"user-\(index)\", \"timestamp\": "
        case 1: return "{\"type\": \"track\", \"event\": \"Product Viewed\", \"messageId\": \"bad-\(index)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"userId\": null, \"anonymousId\": null}"
        case 2: return "{\"type\": \"purchase\", \"userId\": \"user-\(index)\", \"messageId\": \"bad-\(index)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\"}"
        case 3: return "{\"type\": \"track\", \"event\": \"Add to Cart\", \"userId\": \"user-\(index)\", "
            + "\"messageId\": \"bad-\(index)\", \"timestamp\": \"yesterday at noon\"}"
        default: return "{\"type\": \"track\", \"userId\": \"user-\(index)\", \"messageId\": \"bad-\(index)\", "
            + "\"timestamp\": \"2026-11-20T10:00:00Z\", \"properties\": {}}"
        }
    }
}
