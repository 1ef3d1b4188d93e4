import Pinterest
import Store

/// Each person's hashed `user_data` fields, normalised and hashed once per person and run.
///
/// Email and phone come from the person's row (the current traits); names, gender, date of birth, city,
/// state, zip and country from their traits (`first_name` or `firstName`, an `address` object...); the userId
/// becomes `external_id`. Hashing follows ``ConversionUserData/init(hashing:)``: Pinterest's normalisation
/// rules, and a value that already is a SHA-256 hash passes through.
struct ConversionPeople {
    /// The trait keys read (lowercased), by the raw field they fill.
    static let traitKeys: [String: [String]] = [
        "first_name": ["first_name", "firstname"],
        "last_name": ["last_name", "lastname"],
        "gender": ["gender"],
        "birthday": ["birthday", "date_of_birth", "dob", "birthdate"],
        "city": ["city"],
        "state": ["state"],
        "zip": ["zip", "zipcode", "zip_code", "postal_code", "postalcode"],
        "country": ["country"],
    ]

    /// Every trait key read, sorted, plus `address`.
    static let allTraitKeys: [String] = (traitKeys.values.flatMap { $0 } + ["address"]).sorted()

    /// The keys of an `address` object, by the raw field they fill.
    static let addressKeys: [String: [String]] = [
        "city": ["city"], "state": ["state"], "zip": ["postal_code", "postalCode", "zip", "zipcode"],
        "country": ["country"],
    ]

    let defaultCallingCode: String?
    private var cache: [Int64: ConversionUserData] = [:]
    /// The most people remembered before the cache starts over.
    private let capacity = 200_000

    init(defaultCallingCode: String?) {
        self.defaultCallingCode = defaultCallingCode
    }

    /// The person's hashed fields (no IP address or user agent: those belong to each event).
    mutating func userData(for event: ConversionSourceEvent, in store: any ConversionStore) throws -> ConversionUserData {
        if let known = cache[event.personID] { return known }
        let traits = try store.conversionTraits(of: event.personID, keys: Self.allTraitKeys)
        let userData = ConversionUserData(hashing: raw(event, traits: traits))
        if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
        cache[event.personID] = userData
        return userData
    }

    /// Reads the people of the `events` that `needed` selects and are not remembered yet, in order, and hashes
    /// them on every core, so that ``userData(for:in:)`` finds them.
    mutating func prepare(
        _ events: [ConversionSourceEvent], in store: any ConversionStore, where needed: (Int) -> Bool
    ) async throws {
        var raws: [(person: Int64, raw: RawUserData)] = []
        var seen = Set<Int64>()
        for index in events.indices where needed(index) {
            let person = events[index].personID
            guard cache[person] == nil, seen.insert(person).inserted else { continue }
            let traits = try store.conversionTraits(of: person, keys: Self.allTraitKeys)
            raws.append((person, raw(events[index], traits: traits)))
        }
        guard !raws.isEmpty else { return }
        if cache.count + raws.count > capacity { cache.removeAll(keepingCapacity: true) }
        let hashed = await ConversionParallel.map(raws, smallestShare: 64) { ConversionUserData(hashing: $0.raw) }
        for (entry, userData) in zip(raws, hashed) { cache[entry.person] = userData }
    }

    /// The raw values of a person, before normalisation and hashing.
    func raw(_ event: ConversionSourceEvent, traits: [(key: String, json: String)]) -> RawUserData {
        var values: [String: [String]] = [:]
        let parsed = traits.map { (key: $0.key, value: ConversionJSON(parsing: $0.json)) }
        for (field, keys) in Self.traitKeys.sorted(by: { $0.key < $1.key }) {
            for key in keys {
                guard let text = parsed.first(where: { $0.key == key })?.value.text else { continue }
                values[field, default: []].append(text)
            }
        }
        if let address = parsed.first(where: { $0.key == "address" })?.value {
            for (field, keys) in Self.addressKeys.sorted(by: { $0.key < $1.key }) {
                for key in keys {
                    if let text = address[key]?.text { values[field, default: []].append(text) }
                }
            }
        }
        return RawUserData(
            emails: event.email.map { [$0] } ?? [], phones: event.phone.map { [$0] } ?? [],
            firstNames: values["first_name"] ?? [], lastNames: values["last_name"] ?? [],
            genders: values["gender"] ?? [], datesOfBirth: values["birthday"] ?? [], cities: values["city"] ?? [],
            states: values["state"] ?? [], zips: values["zip"] ?? [], countries: values["country"] ?? [],
            externalIDs: event.userID.map { [$0] } ?? [], defaultCallingCode: defaultCallingCode
        )
    }
}
