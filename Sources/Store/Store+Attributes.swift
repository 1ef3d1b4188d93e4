import Matching
import SegmentLanguage
extension Store {
    /// Merges identify traits into a person's attributes key by key: for each key the value from
    /// the message with the latest timestamp wins (a later-arriving message wins a tie), so
    /// out-of-order delivery cannot roll an attribute back. A trait sent as `null` removes the key
    /// under the same rule.
    func apply(_ traits: [Trait], to person: Int64, at timestamp: Int64) throws {
        guard !traits.isEmpty else { return }
        var touchesContact = false
        let statement = try statements().upsertAttribute
        for trait in traits {
            let keyNorm = trait.key.lowercased()
            if keyNorm == "email" || keyNorm == "phone" { touchesContact = true }
            statement.bind(person, at: 1)
            statement.bind(keyNorm, at: 2)
            statement.bind(trait.key, at: 3)
            statement.bind(trait.json, at: 4)
            statement.bind(trait.number, at: 5)
            statement.bind(trait.string, at: 6)
            statement.bind(trait.timeMillis, at: 7)
            statement.bind(timestamp, at: 8)
            try statement.execute()
        }
        guard touchesContact else { return }
        try refreshContactColumns(of: person)
        try claimEmail(for: person)
    }

    /// Points the identity of the person's current email at them. An anonymous person who held the
    /// same email merges into them; a known person who held it keeps their data but loses the claim.
    /// A value that is not an email (`"none"`) identifies no one: people who share it are not merged.
    private func claimEmail(for person: Int64) throws {
        let email = try database.scalar("SELECT email FROM people WHERE id = ?", [.integer(person)])?.string
        let normalized = email.flatMap(Identifiers.emailKey)
        let released = try database.query(
            "DELETE FROM identities WHERE kind = 'email' AND person_id = ? AND value IS NOT ? RETURNING value",
            [.integer(person), normalized.sqlValue]
        ) { $0.string(0) ?? "" }
        for value in released { identityCache.forget(.email, value) }
        guard let normalized else { return }
        if let holder = try lookup(.email, normalized), holder.id != person,
            holder.userId == nil, holder.deletedAt == nil, try personRef(person)?.userId != nil
        {
            try merge(holder.id, into: person)
        }
        try link(.email, normalized, to: person)
    }
}
