import Foundation

/// Maps arrays on every core, in order, for the CPU-bound steps of a conversions run (hashing, deciding).
enum ConversionParallel {
    /// The cores to use.
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// `items.map(transform)`, with the work split into at most `workers` shares of at least `smallestShare`
    /// items each; small inputs are mapped in place.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], workers: Int = ConversionParallel.workers, smallestShare: Int = 256,
        _ transform: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        let shares = min(workers, items.count / max(1, smallestShare))
        guard shares > 1 else { return items.map(transform) }
        let size = (items.count + shares - 1) / shares
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: size) {
                let share = start..<min(start + size, items.count)
                group.addTask { (start, share.map { transform(items[$0]) }) }
            }
            var parts: [(start: Int, results: [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.start < $1.start }.flatMap(\.results)
        }
    }
}
