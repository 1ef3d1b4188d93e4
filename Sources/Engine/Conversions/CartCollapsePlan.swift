import Store

/// Which Add to Cart events are repeats to collapse: real sites fire Add to Cart again and again for one product,
/// and each one sent would teach Pinterest a cart that was never filled.
///
/// Per person and product, in time order: the first Add to Cart is kept; one less than `window` after the last
/// one kept is collapsed into it; one `window` or more after it is kept and starts a new window. Add to Cart
/// events that earlier runs kept (processed or held) take part as kept ones, so a repeat that arrives in a later
/// run is collapsed too; and an event that arrives late, less than `window` before one already kept, is collapsed
/// into that one rather than sent as a second cart. Events without a product are never collapsed.
///
/// ```swift
/// // carts of one product at 10:00, 10:20, 10:31 and 10:45 with a 30-minute window:
/// // 10:00 kept, 10:20 collapsed into it, 10:31 kept, 10:45 collapsed into 10:31
/// let plan = CartCollapsePlan(candidates: carts, kept: [], window: 30 * 60_000)
/// ```
struct CartCollapsePlan: Sendable, Equatable {
    /// Collapsed event id → the id of the event kept in its place.
    private(set) var collapsedInto: [Int64: Int64] = [:]

    /// Plans the collapse of `candidates` (not yet decided) against `kept` (kept by earlier runs).
    ///
    /// - Parameter window: Milliseconds.
    init(candidates: [ConversionCartEvent], kept: [ConversionCartEvent], window: Int64) {
        struct Key: Hashable {
            var person: Int64
            var product: String
        }
        var groups: [Key: (candidates: [ConversionCartEvent], kept: [ConversionCartEvent])] = [:]
        for event in candidates {
            guard let product = event.product, !product.isEmpty else { continue }
            groups[Key(person: event.personID, product: product), default: ([], [])].candidates.append(event)
        }
        for event in kept {
            guard let product = event.product, !product.isEmpty else { continue }
            let key = Key(person: event.personID, product: product)
            if groups[key] != nil { groups[key]?.kept.append(event) }
        }
        for group in groups.values {
            plan(group.candidates, kept: group.kept, window: window)
        }
    }

    /// The kept event `id` is collapsed into, `nil` when it is kept (or not an Add to Cart with a product).
    func keptEvent(for id: Int64) -> Int64? { collapsedInto[id] }

    private mutating func plan(
        _ candidates: [ConversionCartEvent], kept anchors: [ConversionCartEvent], window: Int64
    ) {
        let order = { (a: ConversionCartEvent, b: ConversionCartEvent) in (a.timestamp, a.id) < (b.timestamp, b.id) }
        var kept = anchors.sorted(by: order)
        for event in candidates.sorted(by: order) {
            let before = kept.last { $0.timestamp <= event.timestamp }
            if let before, event.timestamp - before.timestamp < window {
                collapsedInto[event.id] = before.id
                continue
            }
            let after = kept.first { $0.timestamp > event.timestamp }
            if let after, after.timestamp - event.timestamp < window {
                collapsedInto[event.id] = after.id
                continue
            }
            let index = kept.firstIndex { order(event, $0) } ?? kept.endIndex
            kept.insert(event, at: index)
        }
    }
}
