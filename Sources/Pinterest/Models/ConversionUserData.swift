/// An event's `user_data`, keyed as the spec says: arrays of SHA-256 lowercase hex for the personal fields, plain
/// text for IP address, user agent, click id and partner id.
///
/// Pinterest needs at least one of `em`, `hashed_maids`, or the pair `client_ip_address` + `client_user_agent`
/// (``isMatchable``). Build it from raw values with ``init(hashing:)``, which normalises and hashes each field.
/// Empty arrays and `nil` fields are omitted from the JSON.
public struct ConversionUserData: Sendable, Hashable, Codable {
    /// Hashed emails.
    public var em: [String]?
    /// Hashed mobile advertising ids (GAID, IDFA).
    public var hashedMaids: [String]?
    /// Hashed phone numbers.
    public var ph: [String]?
    /// Hashed first names.
    public var fn: [String]?
    /// Hashed last names.
    public var ln: [String]?
    /// Hashed genders.
    public var ge: [String]?
    /// Hashed dates of birth.
    public var db: [String]?
    /// Hashed cities.
    public var ct: [String]?
    /// Hashed states.
    public var st: [String]?
    /// Hashed zip codes.
    public var zp: [String]?
    /// Hashed countries.
    public var country: [String]?
    /// Hashed advertiser user ids.
    public var externalID: [String]?
    /// The user's IP address, plain.
    public var clientIPAddress: String?
    /// The user's browser user agent, plain.
    public var clientUserAgent: String?
    /// The `_epik` click id, plain.
    public var clickID: String?
    /// A third-party partner's visitor id, plain.
    public var partnerID: String?

    /// Creates user data from values that are already hashed where the spec wants hashes.
    public init(
        em: [String]? = nil, hashedMaids: [String]? = nil, ph: [String]? = nil, fn: [String]? = nil,
        ln: [String]? = nil, ge: [String]? = nil, db: [String]? = nil, ct: [String]? = nil, st: [String]? = nil,
        zp: [String]? = nil, country: [String]? = nil, externalID: [String]? = nil, clientIPAddress: String? = nil,
        clientUserAgent: String? = nil, clickID: String? = nil, partnerID: String? = nil
    ) {
        self.em = em
        self.hashedMaids = hashedMaids
        self.ph = ph
        self.fn = fn
        self.ln = ln
        self.ge = ge
        self.db = db
        self.ct = ct
        self.st = st
        self.zp = zp
        self.country = country
        self.externalID = externalID
        self.clientIPAddress = clientIPAddress
        self.clientUserAgent = clientUserAgent
        self.clickID = clickID
        self.partnerID = partnerID
    }

    /// Whether Pinterest can match the event: an email, a mobile ad id, or IP address with user agent.
    public var isMatchable: Bool {
        !(em ?? []).isEmpty || !(hashedMaids ?? []).isEmpty || (clientIPAddress != nil && clientUserAgent != nil)
    }

    enum CodingKeys: String, CodingKey {
        case em, ph, fn, ln, ge, db, ct, st, zp, country
        case hashedMaids = "hashed_maids"
        case externalID = "external_id"
        case clientIPAddress = "client_ip_address"
        case clientUserAgent = "client_user_agent"
        case clickID = "click_id"
        case partnerID = "partner_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let arrays: [(CodingKeys, [String]?)] = [
            (.em, em), (.hashedMaids, hashedMaids), (.ph, ph), (.fn, fn), (.ln, ln), (.ge, ge), (.db, db),
            (.ct, ct), (.st, st), (.zp, zp), (.country, country), (.externalID, externalID),
        ]
        for (key, values) in arrays {
            if let values, !values.isEmpty { try container.encode(values, forKey: key) }
        }
        try container.encodeIfPresent(clientIPAddress, forKey: .clientIPAddress)
        try container.encodeIfPresent(clientUserAgent, forKey: .clientUserAgent)
        try container.encodeIfPresent(clickID, forKey: .clickID)
        try container.encodeIfPresent(partnerID, forKey: .partnerID)
    }
}
