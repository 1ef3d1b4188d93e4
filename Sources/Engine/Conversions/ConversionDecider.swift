import Pinterest
import Store

/// Decides about a page of events on every core: the checks, the building, and (in a dry run) the JSON of each
/// event to send. What needs the store (the person's hashes) is gathered before, in order; what follows (batching,
/// recording) takes the results in the same order.
struct ConversionDecider: Sendable {
    /// One event to decide about, with what its decision needs.
    struct Item: Sendable {
        /// What to do with it.
        enum Work: Sendable {
            /// A repeated Add to Cart, collapsed into this kept event.
            case collapse(into: Int64)
            /// Older than the accepted age: no person needed.
            case tooOld
            /// Check and build, for a person with these hashes.
            case decide(ConversionUserData)
        }

        /// The event's position in its page.
        var index: Int
        var conversion: ConversionEventName
        var work: Work
    }

    /// A decision, with the JSON of the event to send when the decider encodes.
    struct Decided: Sendable {
        var decision: ConversionDecision
        var json: [UInt8]?
    }

    let builder: ConversionEventBuilder
    /// Whether to encode each event to send (dry runs: the client encodes what it sends itself).
    let encodes: Bool

    /// The decisions for `items` of `page`, in their order.
    func decide(_ items: [Item], in page: [ConversionSourceEvent]) async -> [Decided] {
        await ConversionParallel.map(items) { decide($0, source: page[$0.index]) }
    }

    /// The decision for one item.
    func decide(_ item: Item, source: ConversionSourceEvent) -> Decided {
        var decision: ConversionDecision
        switch item.work {
        case .collapse(let kept): decision = builder.collapse(source, as: item.conversion, into: kept)
        case .tooOld: decision = builder.tooOld(source, as: item.conversion)
        case .decide(let person): decision = builder.decide(source, as: item.conversion, person: person)
        }
        guard encodes, let event = decision.event else { return Decided(decision: decision) }
        decision.event = nil
        return Decided(decision: decision, json: ConversionBodyEncoder.json(for: event))
    }
}
