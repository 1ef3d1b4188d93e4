extension Store {
    /// Merges identify traits into a person's attributes key by key: for each key the value from
    /// the message with the latest timestamp wins (a later-arriving message wins a tie), so
    /// out-of-order delivery cannot roll an attribute back. A trait sent as `null` removes the key
    /// under the same rule.
    func apply(_ traits: [Trait], to person: Int64, at timestamp: Int64) throws {
        guard !traits.isEmpty else { return }
        var touchesContact = false
        for trait in traits {
            let keyNorm = trait.key.lowercased()
            if keyNorm == "email" || keyNorm == "phone" { touchesContact = true }
            try database.run(
                """
                INSERT INTO attributes (person_id, key_norm, key, value, num, str, time_ms, ts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, key_norm) DO UPDATE SET
                    key = excluded.key, value = excluded.value, num = excluded.num, str = excluded.str,
                    time_ms = excluded.time_ms, ts = excluded.ts
                WHERE excluded.ts >= attributes.ts
                """,
                [.integer(person), .text(keyNorm), .text(trait.key), trait.json.sqlValue, trait.number.sqlValue,
                 trait.string.sqlValue, trait.timeMillis.sqlValue, .integer(timestamp)])
        }
        guard touchesContact else { return }
        try refreshContactColumns(of: person)
        try claimEmail(for: person)
    }

    /// Points the identity of the person's current email at them. An anonymous person who held the
    /// same email merges into them; a known person who held it keeps their data but loses the claim.
    private func claimEmail(for person: Int64) throws {
        let email = try database.scalar("SELECT email FROM people WHERE id = ?", [.integer(person)])?.string
        try database.run(
            "DELETE FROM identities WHERE kind = 'email' AND person_id = ? AND value IS NOT ?",
            [.integer(person), (email?.lowercased()).sqlValue])
        guard let email, !email.isEmpty else { return }
        let normalized = email.lowercased()
        if let holder = try lookup(.email, normalized), holder != person {
            let holderIsAnonymous = try userIdOf(holder) == nil
            let personIsAnonymous = try userIdOf(person) == nil
            if holderIsAnonymous && !personIsAnonymous {
                try merge(holder, into: person)
            }
        }
        try link(.email, normalized, to: person)
    }
}
