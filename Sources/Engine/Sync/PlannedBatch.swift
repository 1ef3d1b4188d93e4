import Store

/// One customer list call of a sync: an operation and how many records it carries.
public struct PlannedBatch: Sendable, Hashable, CustomStringConvertible {
    /// `REMOVE` or `ADD`.
    public var operation: LedgerOperation
    /// The batch's number within its operation, from 1.
    public var number: Int
    /// How many records it carries, 1 to the batch size.
    public var size: Int

    public init(operation: LedgerOperation, number: Int, size: Int) {
        self.operation = operation
        self.number = number
        self.size = size
    }

    /// `REMOVE 2 (1000 records)`.
    public var description: String { "\(operation.rawValue) \(number) (\(size) records)" }
}

/// The batches a diff is sent in: every removal before any addition, each batch full but the last of its
/// operation. A pure value: `ceil(remove / size) + ceil(add / size)` batches.
///
/// ```swift
/// BatchSchedule(remove: 3, add: 5, batchSize: 2).batches.map(\.description)
/// // ["REMOVE 1 (2 records)", "REMOVE 2 (1 records)", "ADD 1 (2 records)", "ADD 2 (2 records)", "ADD 3 (1 records)"]
/// ```
public struct BatchSchedule: Sendable, Hashable {
    public var remove: Int
    public var add: Int
    public var batchSize: Int

    public init(remove: Int, add: Int, batchSize: Int) {
        precondition(batchSize >= 1 && remove >= 0 && add >= 0, "counts are never negative; batches hold a record")
        self.remove = remove
        self.add = add
        self.batchSize = batchSize
    }

    /// How many removal batches.
    public var removeBatches: Int { Self.batches(remove, batchSize) }
    /// How many addition batches.
    public var addBatches: Int { Self.batches(add, batchSize) }
    /// How many batches in all.
    public var count: Int { removeBatches + addBatches }

    /// The batch at `index` (0-based) of the whole schedule.
    public func batch(at index: Int) -> PlannedBatch {
        precondition(index >= 0 && index < count, "the schedule has \(count) batches")
        if index < removeBatches {
            return PlannedBatch(operation: .remove, number: index + 1,
                                size: min(batchSize, remove - index * batchSize))
        }
        let number = index - removeBatches
        return PlannedBatch(operation: .add, number: number + 1, size: min(batchSize, add - number * batchSize))
    }

    /// Every batch, in the order they are sent.
    public var batches: [PlannedBatch] { (0..<count).map(batch(at:)) }

    static func batches(_ records: Int, _ size: Int) -> Int { (records + size - 1) / size }
}
