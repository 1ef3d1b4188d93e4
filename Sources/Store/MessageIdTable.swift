/// The message ids of the store, in memory, while a bulk load has dropped `messages_id_hash`: each
/// message's duplicate check is then a probe here instead of a seek into an index that random ids keep
/// cold (the index's seek and insert were a fifth of the load's time).
///
/// One 64-bit slot per entry: the high 32 bits of the id's hash (``Store/messageHash(_:)``) over the
/// `messages` row id. The table answers which rows may hold an id; the caller compares the full id on
/// those rows, so neither a shared hash nor a shared 32-bit tag can make two ids one. Open addressing with
/// linear probing; a removed entry leaves a tombstone so that probes carry on past it.
struct MessageIdTable {
    private var slots: [UInt64]
    private let mask: Int
    /// Entries and tombstones: the table is full when they reach ``limit``.
    private var used = 0
    /// Slots filled at most (7 in 10), beyond which probes grow long.
    let limit: Int

    private static let tombstone = UInt64.max
    /// The largest row id a slot holds (the low 32 bits, below the tombstone's).
    static let largestRowID: Int64 = 0xFFFF_FFFE

    /// A table for about `entries` ids, with at least `minimumSlots` (a power of two) and at most 2^22
    /// slots (32 MiB).
    init(entries: Int, minimumSlots: Int = 1 << 16) {
        let wanted = max(entries, 1) * 10 / 7 + 1
        let size = min(max(1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount), minimumSlots), 1 << 22)
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        limit = size * 7 / 10
    }

    /// Calls `matches` with each row id that may hold the id of `hash`, until it returns true; returns
    /// whether it did.
    func contains(hash: Int64, where matches: (Int64) throws -> Bool) rethrows -> Bool {
        let tag = Self.tag(hash)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return false }
            if slot != Self.tombstone, slot >> 32 == tag, try matches(Int64(slot & 0xFFFF_FFFF)) { return true }
            index = (index + 1) & mask
        }
    }

    /// Adds the row `rowID` (at most ``largestRowID``) for `hash`; false when the table is full.
    mutating func insert(hash: Int64, rowID: Int64) -> Bool {
        guard used < limit else { return false }
        precondition(rowID > 0 && rowID <= Self.largestRowID, "row id \(rowID) does not fit a slot")
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 { index = (index + 1) & mask }
        slots[index] = Self.tag(hash) << 32 | UInt64(rowID)
        used += 1
        return true
    }

    /// Removes the entry of row `rowID` for `hash`.
    mutating func remove(hash: Int64, rowID: Int64) {
        let entry = Self.tag(hash) << 32 | UInt64(rowID)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != 0 {
            if slots[index] == entry {
                slots[index] = Self.tombstone
                return
            }
            index = (index + 1) & mask
        }
    }

    private static func tag(_ hash: Int64) -> UInt64 { UInt64(bitPattern: hash) >> 32 }
}
