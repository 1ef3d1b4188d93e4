/// A Pinterest customer list, as `GET /ad_accounts/{id}/customer_lists/{id}` returns it.
///
/// Pinterest never returns the records a list holds (it deletes them after matching): only counters.
/// Every field but `id` is optional, as in the spec; numbers are read whether Pinterest sends them as integers or
/// as floating-point values.
public struct CustomerList: Sendable, Hashable, Codable, Identifiable {
    /// The list's status. `TOO_SMALL`: fewer than 100 Pinterest users matched.
    public struct Status: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Pinterest is matching the records.
        public static let processing = Status(rawValue: "PROCESSING")
        /// Usable: at least 100 Pinterest users matched.
        public static let ready = Status(rawValue: "READY")
        /// Fewer than 100 Pinterest users matched: not usable yet.
        public static let tooSmall = Status(rawValue: "TOO_SMALL")
        /// Records are still arriving.
        public static let uploading = Status(rawValue: "UPLOADING")

        public var description: String { rawValue }
    }

    /// The list's id: a string of digits.
    public var id: String
    /// The list's name; segsync names it after its audience.
    public var name: String?
    /// The ad account holding the list.
    public var adAccountID: String?
    /// Creation time, Unix seconds.
    public var createdTime: Int64?
    /// Last update time, Unix seconds.
    public var updatedTime: Int64?
    /// How many uploads (creation and each update) the list has had.
    public var numBatches: Int64?
    /// Records uploaded so far, duplicates counted again.
    public var numUploadedUserRecords: Int64?
    /// Records removed so far, including records that were not in the list.
    public var numRemovedUserRecords: Int64?
    /// The list's status.
    public var status: Status?
    /// Always `customerlist`.
    public var type: String?

    /// Creates a list value (tests and stand-ins build these; the client decodes them).
    public init(
        id: String, name: String? = nil, adAccountID: String? = nil, createdTime: Int64? = nil,
        updatedTime: Int64? = nil, numBatches: Int64? = nil, numUploadedUserRecords: Int64? = nil,
        numRemovedUserRecords: Int64? = nil, status: Status? = nil, type: String? = "customerlist"
    ) {
        self.id = id
        self.name = name
        self.adAccountID = adAccountID
        self.createdTime = createdTime
        self.updatedTime = updatedTime
        self.numBatches = numBatches
        self.numUploadedUserRecords = numUploadedUserRecords
        self.numRemovedUserRecords = numRemovedUserRecords
        self.status = status
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, type
        case adAccountID = "ad_account_id"
        case createdTime = "created_time"
        case updatedTime = "updated_time"
        case numBatches = "num_batches"
        case numUploadedUserRecords = "num_uploaded_user_records"
        case numRemovedUserRecords = "num_removed_user_records"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        adAccountID = try container.decodeIfPresent(String.self, forKey: .adAccountID)
        createdTime = try container.decodeLossyIntegerIfPresent(forKey: .createdTime)
        updatedTime = try container.decodeLossyIntegerIfPresent(forKey: .updatedTime)
        numBatches = try container.decodeLossyIntegerIfPresent(forKey: .numBatches)
        numUploadedUserRecords = try container.decodeLossyIntegerIfPresent(forKey: .numUploadedUserRecords)
        numRemovedUserRecords = try container.decodeLossyIntegerIfPresent(forKey: .numRemovedUserRecords)
        status = try container.decodeIfPresent(Status.self, forKey: .status)
        type = try container.decodeIfPresent(String.self, forKey: .type)
    }
}

/// Whether a customer list update adds records or removes them.
public enum CustomerListOperation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Append records (`ADD`); adding a record the list holds changes nothing.
    case add = "ADD"
    /// Remove records (`REMOVE`); removing a record the list lacks changes nothing.
    case remove = "REMOVE"
}

/// The body of `POST /ad_accounts/{id}/customer_lists` (`CustomerListRequest`).
struct CustomerListCreateRequest: Encodable, Sendable {
    var name: String
    /// One comma-separated string, as the spec says.
    var records: String
    var listType: String = "EMAIL"

    enum CodingKeys: String, CodingKey {
        case name, records
        case listType = "list_type"
    }
}

/// The body of `PATCH /ad_accounts/{id}/customer_lists/{id}` (`CustomerListUpdateRequest`).
struct CustomerListUpdateRequest: Encodable, Sendable {
    var operationType: CustomerListOperation
    /// One comma-separated string, as the spec says.
    var records: String

    enum CodingKeys: String, CodingKey {
        case records
        case operationType = "operation_type"
    }
}
