import CSQLite
import Foundation

/// Walks two statements whose first column is TEXT in ascending byte order, side by side: the members' hashes
/// (duplicates possible: two people may share an email) and an audience's ledger (unique). Each step says whether
/// the next hash is in both, only among the members, or only in the ledger. With a bitmap, a member row counts only
/// when the person id in its second column is in it.
///
/// Hashes are compared as the bytes SQLite holds, without making Swift strings, except for the differences, which
/// are what the caller stores.
struct SortedMerge {
    enum Side: Equatable {
        case both
        case membersOnly(String)
        case ledgerOnly(String)
    }

    private let members: Statement
    private let bitmap: PersonBitmap?
    private let ledger: Statement
    private var memberRow: Bool?
    private var ledgerRow: Bool?
    /// The member hash of the last step, to skip its duplicates.
    private var previous: [UInt8] = []

    init(members: MemberHashes, ledger: Statement) {
        self.members = members.statement
        self.bitmap = members.bitmap
        self.ledger = ledger
    }

    /// The next hash's side, or nil when both are exhausted.
    mutating func next() throws(DatabaseError) -> Side? {
        if memberRow == nil { memberRow = try stepMembers() }
        if ledgerRow == nil { ledgerRow = try ledger.step() }
        switch (memberRow, ledgerRow) {
        case (true, true):
            let order = compare(members, ledger)
            if order == 0 {
                remember()
                memberRow = nil
                ledgerRow = nil
                return .both
            }
            if order < 0 {
                remember()
                memberRow = nil
                return .membersOnly(members.text(at: 0) ?? "")
            }
            ledgerRow = nil
            return .ledgerOnly(ledger.text(at: 0) ?? "")
        case (true, _):
            remember()
            memberRow = nil
            return .membersOnly(members.text(at: 0) ?? "")
        case (_, true):
            ledgerRow = nil
            return .ledgerOnly(ledger.text(at: 0) ?? "")
        default:
            // Stay exhausted: stepping a finished statement again would restart it.
            memberRow = false
            ledgerRow = false
            return nil
        }
    }

    /// Steps the members past duplicates of the hash last returned.
    private mutating func stepMembers() throws(DatabaseError) -> Bool {
        while try members.step() {
            if let bitmap, !bitmap.contains(sqlite3_column_int64(members.pointer, 1)) { continue }
            if !equalsPrevious() { return true }
        }
        return false
    }

    private func equalsPrevious() -> Bool {
        let count = Int(sqlite3_column_bytes(members.pointer, 0))
        guard count == previous.count, let bytes = sqlite3_column_text(members.pointer, 0) else { return false }
        return previous.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return count == 0 }
            return memcmp(base, bytes, count) == 0
        }
    }

    private mutating func remember() {
        let count = Int(sqlite3_column_bytes(members.pointer, 0))
        guard let bytes = sqlite3_column_text(members.pointer, 0) else { return }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// memcmp order of the two current values, the shorter first on a common prefix (SQLite's BINARY collation).
    private func compare(_ lhs: Statement, _ rhs: Statement) -> Int32 {
        let leftCount = Int(sqlite3_column_bytes(lhs.pointer, 0))
        let rightCount = Int(sqlite3_column_bytes(rhs.pointer, 0))
        guard let left = sqlite3_column_text(lhs.pointer, 0), let right = sqlite3_column_text(rhs.pointer, 0) else {
            return leftCount == rightCount ? 0 : leftCount < rightCount ? -1 : 1
        }
        let order = memcmp(left, right, min(leftCount, rightCount))
        if order != 0 { return order }
        return leftCount == rightCount ? 0 : leftCount < rightCount ? -1 : 1
    }
}

/// A statement giving the members' hashes in ascending order, and the bitmap that filters its rows, if any.
struct MemberHashes {
    var statement: Statement
    var bitmap: PersonBitmap?

    func merge(with ledger: Statement) -> SortedMerge {
        SortedMerge(members: self, ledger: ledger)
    }
}

/// A set of person ids as one bit each, from 0 to a maximum: 125 KiB for a million people.
struct PersonBitmap {
    private var words: [UInt64]

    init(maxID: Int64) {
        words = Array(repeating: 0, count: Int(max(maxID, 0) / 64 + 1))
    }

    mutating func insert(_ id: Int64) {
        guard id >= 0, Int(id / 64) < words.count else { return }
        words[Int(id / 64)] |= 1 << UInt64(id % 64)
    }

    func contains(_ id: Int64) -> Bool {
        guard id >= 0, Int(id / 64) < words.count else { return false }
        return words[Int(id / 64)] & (1 << UInt64(id % 64)) != 0
    }
}
