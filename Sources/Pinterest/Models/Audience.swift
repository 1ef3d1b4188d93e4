/// A Pinterest audience, as `GET /ad_accounts/{id}/audiences/{id}` returns it.
///
/// segsync makes `CUSTOMER_LIST` audiences, whose rule names the customer list they serve.
public struct Audience: Sendable, Hashable, Codable, Identifiable {
    /// The audience's id: a string of digits.
    public var id: String
    /// The audience's name; segsync names it as its segment's `pinterest.audience` says.
    public var name: String?
    /// The ad account holding the audience.
    public var adAccountID: String?
    /// `CUSTOMER_LIST`, `VISITOR`, `ENGAGEMENT`, `ACTALIKE` or `PERSONA`.
    public var audienceType: String?
    /// A free text description.
    public var description: String?
    /// The rule; for a customer list audience, the list's id.
    public var rule: AudienceRule?
    /// Pinterest's size estimate, when it has one.
    public var size: Int64?
    /// `READY`, `INITIALIZING` or `TOO_SMALL` (fewer than 100 Pinterest users).
    public var status: String?
    /// Always `audience`.
    public var type: String?
    /// Creation time, Unix seconds.
    public var createdTimestamp: Int64?
    /// Last update time, Unix seconds.
    public var updatedTimestamp: Int64?

    /// Creates an audience value (tests build these; the client decodes them).
    public init(
        id: String, name: String? = nil, adAccountID: String? = nil, audienceType: String? = "CUSTOMER_LIST",
        description: String? = nil, rule: AudienceRule? = nil, size: Int64? = nil, status: String? = nil,
        type: String? = "audience", createdTimestamp: Int64? = nil, updatedTimestamp: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.adAccountID = adAccountID
        self.audienceType = audienceType
        self.description = description
        self.rule = rule
        self.size = size
        self.status = status
        self.type = type
        self.createdTimestamp = createdTimestamp
        self.updatedTimestamp = updatedTimestamp
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, rule, size, status, type
        case adAccountID = "ad_account_id"
        case audienceType = "audience_type"
        case createdTimestamp = "created_timestamp"
        case updatedTimestamp = "updated_timestamp"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        adAccountID = try container.decodeIfPresent(String.self, forKey: .adAccountID)
        audienceType = try container.decodeIfPresent(String.self, forKey: .audienceType)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        rule = try container.decodeIfPresent(AudienceRule.self, forKey: .rule)
        size = try container.decodeLossyIntegerIfPresent(forKey: .size)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        createdTimestamp = try container.decodeLossyIntegerIfPresent(forKey: .createdTimestamp)
        updatedTimestamp = try container.decodeLossyIntegerIfPresent(forKey: .updatedTimestamp)
    }
}

/// The part of an audience rule segsync uses: `{"customer_list_id": "…"}` for `CUSTOMER_LIST` audiences.
///
/// Other rule fields (for visitor, engagement or actalike audiences) are ignored when decoding.
public struct AudienceRule: Sendable, Hashable, Codable {
    /// The customer list a `CUSTOMER_LIST` audience is made of.
    public var customerListID: String?

    /// Creates a rule.
    public init(customerListID: String?) {
        self.customerListID = customerListID
    }

    enum CodingKeys: String, CodingKey {
        case customerListID = "customer_list_id"
    }
}

/// The body of `POST /ad_accounts/{id}/audiences` (`AudienceCreateRequest`).
struct AudienceCreateRequest: Encodable, Sendable {
    var name: String
    var audienceType = "CUSTOMER_LIST"
    var rule: AudienceRule
    var description: String?

    enum CodingKeys: String, CodingKey {
        case name, rule, description
        case audienceType = "audience_type"
    }
}
