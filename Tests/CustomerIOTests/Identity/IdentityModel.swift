import Crypto
import Foundation

/// What the store must hold after a feed, worked out with plain dictionaries and no SQL: every identifier
/// owned by one person, merges that move everything over, email claims, User Deleted tombstones,
/// attributes key by key with the latest message timestamp winning, and resends that change nothing.
///
/// The rules, as the README states them:
/// - a userId or anonymousId seen before finds its person; an anonymousId first seen with a known person
///   joins them; a known person's message with an anonymous person's anonymousId merges that person into
///   them; two known people are never merged by it (a shared device), but an `alias` merges whoever its
///   previousId names into the userId's person;
/// - an identify's traits win key by key when their timestamp is at least the held one (a merge keeps the
///   target's on a tie); `null` removes a key under the same rule;
/// - an identify that sends email or phone claims the person's current email: identifiers of emails they
///   no longer hold are given up, an anonymous holder of the email merges into a known claimant, a known
///   holder loses it;
/// - User Deleted empties the person but for the userId and leaves a tombstone; a message naming them (as
///   its userId, or as the previousId of an alias) no newer than the tombstone is rejected and changes
///   nothing (a resend of it is rejected again); a newer one brings them back.
struct IdentityModel {
    struct Attribute: Equatable {
        var key: String
        var json: String?
        var timestamp: Int64
    }

    struct Person {
        var userId: String?
        var anonymousId: String?
        var createdAt: Int64
        var deletedAt: Int64?
        var attributes: [String: Attribute] = [:]
        /// message id, name, timestamp
        var events: [(String, String, Int64)] = []
    }

    enum Kind: String { case user, anon, email }
    struct Identifier: Hashable {
        var kind: Kind
        var value: String
    }

    private(set) var people: [Int: Person] = [:]
    private(set) var owner: [Identifier: Int] = [:]
    private(set) var stored: Set<String> = []
    private(set) var rejected = 0
    private var nextId = 0

    mutating func apply(_ message: StreamMessage) {
        guard !stored.contains(message.id) else { return }
        var users = message.userId.map { [$0] } ?? []
        if case .alias(let previous) = message.kind { users.append(previous) }
        let tombstones = users.compactMap { owner[Identifier(kind: .user, value: $0)].flatMap { people[$0]?.deletedAt } }
        if tombstones.contains(where: { message.timestamp <= $0 }) {
            rejected += 1
            return
        }
        stored.insert(message.id)
        let person: Int
        if case .alias(let previous) = message.kind {
            person = resolve(userId: message.userId, anonymousId: nil, at: message.timestamp)
            if let other = owner[Identifier(kind: .user, value: previous)] ?? owner[Identifier(kind: .anon, value: previous)] {
                if other != person { merge(other, into: person) }
            } else {
                owner[Identifier(kind: .anon, value: previous)] = person
            }
        } else {
            person = resolve(userId: message.userId, anonymousId: message.anonymousId, at: message.timestamp)
        }
        people[person]?.deletedAt = nil
        switch message.kind {
        case .identify(let traits):
            apply(traits, to: person, at: message.timestamp)
        case .alias:
            break
        case .track("User Deleted"):
            delete(person, at: message.timestamp)
        case .track(let name):
            people[person]?.events.append((message.id, name, message.timestamp))
        case .page:
            people[person]?.events.append((message.id, "page", message.timestamp))
        }
    }

    private mutating func resolve(userId: String?, anonymousId: String?, at timestamp: Int64) -> Int {
        let known = userId.flatMap { owner[Identifier(kind: .user, value: $0)] }
        let anonymous = anonymousId.flatMap { owner[Identifier(kind: .anon, value: $0)] }
        guard let userId else {
            if let anonymous { return anonymous }
            let person = create(userId: nil, anonymousId: anonymousId, at: timestamp)
            owner[Identifier(kind: .anon, value: anonymousId ?? "")] = person
            return person
        }
        if let known {
            if let anonymousId {
                if let anonymous {
                    if anonymous != known && people[anonymous]?.userId == nil { merge(anonymous, into: known) }
                } else {
                    owner[Identifier(kind: .anon, value: anonymousId)] = known
                }
            }
            return known
        }
        if let anonymous, people[anonymous]?.userId == nil {
            people[anonymous]?.userId = userId
            owner[Identifier(kind: .user, value: userId)] = anonymous
            return anonymous
        }
        let fresh = anonymous == nil ? anonymousId : nil
        let person = create(userId: userId, anonymousId: fresh, at: timestamp)
        owner[Identifier(kind: .user, value: userId)] = person
        if let fresh { owner[Identifier(kind: .anon, value: fresh)] = person }
        return person
    }

    private mutating func create(userId: String?, anonymousId: String?, at timestamp: Int64) -> Int {
        nextId += 1
        people[nextId] = Person(userId: userId, anonymousId: anonymousId, createdAt: timestamp)
        return nextId
    }

    private mutating func merge(_ source: Int, into target: Int) {
        guard let from = people.removeValue(forKey: source), var to = people[target] else { return }
        to.events += from.events
        for (key, attribute) in from.attributes where to.attributes[key].map({ attribute.timestamp > $0.timestamp }) ?? true {
            to.attributes[key] = attribute
        }
        to.anonymousId = to.anonymousId ?? from.anonymousId
        to.createdAt = min(to.createdAt, from.createdAt)
        people[target] = to
        for (identifier, person) in owner where person == source { owner[identifier] = target }
    }

    private mutating func apply(_ traits: [(key: String, json: String?)], to person: Int, at timestamp: Int64) {
        var touchesContact = false
        for trait in traits {
            let key = trait.key.lowercased()
            if key == "email" || key == "phone" { touchesContact = true }
            if let held = people[person]?.attributes[key], held.timestamp > timestamp { continue }
            people[person]?.attributes[key] = Attribute(key: trait.key, json: trait.json, timestamp: timestamp)
        }
        if touchesContact { claimEmail(for: person) }
    }

    private mutating func claimEmail(for person: Int) {
        let email = people[person].flatMap { Self.contact($0).email }.flatMap(Self.normalized)
        for (identifier, holder) in owner where holder == person && identifier.kind == .email && identifier.value != email {
            owner[identifier] = nil
        }
        guard let email else { return }
        let identifier = Identifier(kind: .email, value: email)
        if let holder = owner[identifier], holder != person, let held = people[holder], held.userId == nil,
            held.deletedAt == nil, people[person]?.userId != nil
        {
            merge(holder, into: person)
        }
        owner[identifier] = person
    }

    private mutating func delete(_ person: Int, at timestamp: Int64) {
        people[person]?.events = []
        people[person]?.attributes = [:]
        people[person]?.anonymousId = nil
        people[person]?.deletedAt = timestamp
        for (identifier, holder) in owner where holder == person && identifier.kind != .user { owner[identifier] = nil }
    }

    /// The contact columns a person's attributes give: the email string trimmed of spaces, its hash when it
    /// is an email, and the phone string.
    static func contact(_ person: Person) -> (email: String?, hash: String?, phone: String?) {
        func string(_ key: String) -> String? {
            guard let json = person.attributes[key]?.json, json.hasPrefix("\"") else { return nil }
            return String(json.dropFirst().dropLast())
        }
        let email = string("email").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ")) }
        let hash = email.flatMap(normalized).map { SHA256.hash(data: Data($0.utf8)).map { String(format: "%02x", $0) }.joined() }
        return (email, hash, string("phone"))
    }

    /// Trimmed and lowercased, when there is an `@` between two non-empty parts.
    static func normalized(_ email: String) -> String? {
        let value = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex
        else { return nil }
        return value
    }

    /// Every person as one comparable line each, sorted: the store's ``IdentityModelTests/snapshot`` must
    /// give the same lines.
    func snapshot() -> [String] {
        var identifiers: [Int: [String]] = [:]
        for (identifier, person) in owner { identifiers[person, default: []].append("\(identifier.kind.rawValue):\(identifier.value)") }
        return people.map { id, person in
            let contact = Self.contact(person)
            let attributes = person.attributes.map { "\($0.key)=\($0.value.key)|\($0.value.json ?? "NULL")|\($0.value.timestamp)" }
            let events = person.events.map { "\($0.0) \($0.1) \($0.2)" }
            return IdentityModel.line(
                userId: person.userId, anonymousId: person.anonymousId, createdAt: person.createdAt,
                deletedAt: person.deletedAt, email: contact.email, hash: contact.hash, phone: contact.phone,
                identifiers: identifiers[id] ?? [], attributes: attributes, events: events)
        }.sorted()
    }

    static func line(
        userId: String?, anonymousId: String?, createdAt: Int64, deletedAt: Int64?, email: String?, hash: String?,
        phone: String?, identifiers: [String], attributes: [String], events: [String]
    ) -> String {
        let fields: [String] = [
            "user=\(userId ?? "-")", "anon=\(anonymousId ?? "-")", "created=\(createdAt)",
            "deleted=\(deletedAt.map(String.init) ?? "-")", "email=\(email ?? "-")", "hash=\(hash.map { String($0.prefix(12)) } ?? "-")",
            "phone=\(phone ?? "-")", "ids=[\(identifiers.sorted().joined(separator: " "))]",
            "attributes=[\(attributes.sorted().joined(separator: " "))]", "events=[\(events.sorted().joined(separator: ", "))]",
        ]
        return fields.joined(separator: " ")
    }
}
