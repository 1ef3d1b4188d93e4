import Foundation

/// One request as the stand-in received it, in arrival order; the `Authorization` header is left out.
public struct RecordedRequest: Sendable, Hashable {
    /// The position of the request in arrival order, from 0.
    public var sequence: Int
    /// `GET`, `POST`, `PATCH`...
    public var method: String
    /// The concrete path, prefix included: `/v5/ad_accounts/123/customer_lists/456`.
    public var path: String
    /// The operation the path names, when it names one.
    public var operation: StandInOperation?
    /// The query parameters, percent-decoded (the last value wins for a repeated name).
    public var query: [String: String]
    /// The headers, lowercased names, without `authorization`.
    public var headers: [String: String]
    /// The body, as sent.
    public var body: Data
    /// When the request arrived.
    public var receivedAt: ContinuousClock.Instant

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, if it is one.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The keys of the JSON body, sorted; empty when the body is not a JSON object.
    public var bodyKeys: [String] { jsonObject.map { $0.keys.sorted() } ?? [] }

    /// The records of a customer list call, split on commas, in order.
    public var records: [String]? {
        (jsonObject?["records"] as? String).map { $0.split(separator: ",").map(String.init) }
    }

    /// The `operation_type` of a customer list update (`ADD` or `REMOVE`).
    public var operationType: String? { jsonObject?["operation_type"] as? String }

    /// Decodes the body.
    public func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }
}
