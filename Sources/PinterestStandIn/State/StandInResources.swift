import Foundation

/// A customer list as the stand-in keeps it: unlike Pinterest, it can be asked for its records.
public struct StandInCustomerList: Sendable, Hashable {
    /// The list's id, digits.
    public var id: String
    /// The ad account holding it.
    public var adAccountID: String
    /// Its name.
    public var name: String
    /// The records added and not removed since.
    public var records: Set<String>
    /// Creation time, Unix seconds.
    public var createdTime: Int64
    /// Last update time, Unix seconds.
    public var updatedTime: Int64
    /// Uploads so far, creation included.
    public var numBatches: Int64
    /// Records uploaded so far, duplicates counted again.
    public var numUploadedUserRecords: Int64
    /// Records removed so far, absent ones included.
    public var numRemovedUserRecords: Int64

    /// `READY` from 100 records on, `TOO_SMALL` below (the stand-in takes every record as a matched user).
    var settledStatus: String { records.count >= 100 ? "READY" : "TOO_SMALL" }

    func json(status: String? = nil) -> JSONValue {
        .object([
            "ad_account_id": .string(adAccountID),
            "created_time": .integer(createdTime),
            "exceptions": .object([:]),
            "id": .string(id),
            "name": .string(name),
            "num_batches": .integer(numBatches),
            "num_removed_user_records": .integer(numRemovedUserRecords),
            "num_uploaded_user_records": .integer(numUploadedUserRecords),
            "status": .string(status ?? settledStatus),
            "type": .string("customerlist"),
            "updated_time": .integer(updatedTime),
        ])
    }
}

/// An audience as the stand-in keeps it (only `CUSTOMER_LIST` audiences).
public struct StandInAudience: Sendable, Hashable {
    /// The audience's id, digits.
    public var id: String
    /// The ad account holding it.
    public var adAccountID: String
    /// Its name.
    public var name: String
    /// Its description, if it was given one.
    public var description: String?
    /// The customer list it is made of.
    public var customerListID: String
    /// Creation time, Unix seconds.
    public var createdTimestamp: Int64
    /// Last update time, Unix seconds.
    public var updatedTimestamp: Int64

    func json(size: Int) -> JSONValue {
        .object([
            "ad_account_id": .string(adAccountID),
            "audience_type": .string("CUSTOMER_LIST"),
            "created_by_company_name": .null,
            "created_timestamp": .integer(createdTimestamp),
            "description": .optional(description),
            "id": .string(id),
            "name": .string(name),
            "rule": .object(["customer_list_id": .string(customerListID)]),
            "size": .integer(Int64(size)),
            "status": .string(size >= 100 ? "READY" : "TOO_SMALL"),
            "type": .string("audience"),
            "updated_timestamp": .integer(updatedTimestamp),
        ])
    }
}

/// A conversion event the stand-in processed (events sent with `test=true` are answered but not kept).
public struct ReceivedConversionEvent: Sendable, Hashable {
    /// The ad account it was sent to.
    public var adAccountID: String
    /// Its `event_id`.
    public var eventID: String
    /// Its `event_name`.
    public var eventName: String
    /// Its `event_time`, Unix seconds.
    public var eventTime: Int64
    /// The event as sent.
    let value: JSONValue

    /// The event as sent, JSON (keys sorted).
    public var json: Data { value.data }

    /// The event as a JSON object.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
    }
}
