/// A person's identifiers as the store holds them, before normalisation and hashing.
///
/// ```swift
/// let raw = RawUserData(emails: [" Ann@Example.com"], phones: ["(415) 555-0132"], defaultCallingCode: "1")
/// let userData = ConversionUserData(hashing: raw)   // em and ph hashed by Pinterest's rules
/// ```
public struct RawUserData: Sendable, Hashable {
    /// Emails, as typed.
    public var emails: [String]
    /// Phone numbers, as typed.
    public var phones: [String]
    /// First names.
    public var firstNames: [String]
    /// Last names.
    public var lastNames: [String]
    /// Genders (`f`, `female`, `m`, `male`, `n`, `non-binary`...).
    public var genders: [String]
    /// Dates of birth (`1990-01-31`, `19900131`...).
    public var datesOfBirth: [String]
    /// Cities.
    public var cities: [String]
    /// States or regions (codes, or US state names).
    public var states: [String]
    /// Zip or postal codes.
    public var zips: [String]
    /// Countries (ISO-3166 codes, or a few common names); the first one decides US zip handling.
    public var countries: [String]
    /// The advertiser's own user ids.
    public var externalIDs: [String]
    /// Mobile advertising ids (GAID, IDFA).
    public var mobileAdIDs: [String]
    /// The user's IP address.
    public var clientIPAddress: String?
    /// The user's browser user agent.
    public var clientUserAgent: String?
    /// The `_epik` click id.
    public var clickID: String?
    /// A third-party partner's visitor id.
    public var partnerID: String?
    /// The calling code for phone numbers written without one (`"1"` for the US).
    public var defaultCallingCode: String?

    /// Creates raw user data; every field is optional.
    public init(
        emails: [String] = [], phones: [String] = [], firstNames: [String] = [], lastNames: [String] = [],
        genders: [String] = [], datesOfBirth: [String] = [], cities: [String] = [], states: [String] = [],
        zips: [String] = [], countries: [String] = [], externalIDs: [String] = [], mobileAdIDs: [String] = [],
        clientIPAddress: String? = nil, clientUserAgent: String? = nil, clickID: String? = nil,
        partnerID: String? = nil, defaultCallingCode: String? = nil
    ) {
        self.emails = emails
        self.phones = phones
        self.firstNames = firstNames
        self.lastNames = lastNames
        self.genders = genders
        self.datesOfBirth = datesOfBirth
        self.cities = cities
        self.states = states
        self.zips = zips
        self.countries = countries
        self.externalIDs = externalIDs
        self.mobileAdIDs = mobileAdIDs
        self.clientIPAddress = clientIPAddress
        self.clientUserAgent = clientUserAgent
        self.clickID = clickID
        self.partnerID = partnerID
        self.defaultCallingCode = defaultCallingCode
    }
}

extension ConversionUserData {
    /// Normalises each raw value by the spec's rules (see ``Identifiers``), hashes it with SHA-256, and keeps
    /// each distinct hash once, in order. Values that already are SHA-256 hashes pass through lowercased; values
    /// that do not normalise are dropped. IP address, user agent, click id and partner id stay plain, trimmed.
    ///
    /// A zip is cut to five digits when the person's first country normalises to `us`.
    public init(hashing raw: RawUserData) {
        let callingCode = raw.defaultCallingCode
        let country = raw.countries.lazy.compactMap(Identifiers.normalizedCountry).first
        self.init(
            em: Self.hashes(raw.emails, Identifiers.normalizedEmail),
            hashedMaids: Self.hashes(raw.mobileAdIDs, Identifiers.normalizedMobileAdID),
            ph: Self.hashes(raw.phones) { Identifiers.normalizedPhone($0, defaultCallingCode: callingCode) },
            fn: Self.hashes(raw.firstNames, Identifiers.normalizedName),
            ln: Self.hashes(raw.lastNames, Identifiers.normalizedName),
            ge: Self.hashes(raw.genders, Identifiers.normalizedGender),
            db: Self.hashes(raw.datesOfBirth, Identifiers.normalizedDateOfBirth),
            ct: Self.hashes(raw.cities, Identifiers.normalizedCity),
            st: Self.hashes(raw.states, Identifiers.normalizedState),
            zp: Self.hashes(raw.zips) { Identifiers.normalizedZip($0, country: country) },
            country: Self.hashes(raw.countries, Identifiers.normalizedCountry),
            externalID: Self.hashes(raw.externalIDs, Identifiers.normalizedExternalID),
            clientIPAddress: Self.plain(raw.clientIPAddress),
            clientUserAgent: Self.plain(raw.clientUserAgent),
            clickID: Self.plain(raw.clickID),
            partnerID: Self.plain(raw.partnerID)
        )
    }

    private static func hashes(_ values: [String], _ normalize: (String) -> String?) -> [String]? {
        var seen = Set<String>()
        var result: [String] = []
        for value in values {
            guard let hash = PinterestHashing.hashed(value, normalizedBy: normalize), seen.insert(hash).inserted
            else { continue }
            result.append(hash)
        }
        return result.isEmpty ? nil : result
    }

    private static func plain(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
