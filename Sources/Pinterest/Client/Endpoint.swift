import Foundation

/// One Pinterest operation bound to concrete identifiers: method, path template, concrete path and query.
///
/// The template (`/ad_accounts/{id}/customer_lists/{id}`) is what errors and logs show; the concrete path is what
/// goes on the wire.
struct Endpoint: Sendable, Equatable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", patch = "PATCH"
    }

    var method: Method
    var template: String
    var path: String
    var query: [URLQueryItem]

    /// `PATCH /ad_accounts/{id}/customer_lists/{id}`: method and template, for errors and logs.
    var name: String { "\(method.rawValue) \(template)" }

    /// Whether sending the same request twice leaves Pinterest as sending it once.
    ///
    /// Reads are; customer list updates are (ADD and REMOVE of the same records converge); creations are not.
    /// Conversion events are deduplicated by `event_id`, so a resend is harmless too.
    var isIdempotent: Bool { method != .post || template.hasSuffix("/events") }

    /// Builds the URL under `base`, which may carry a path prefix such as `/v5`.
    func url(relativeTo base: URL) -> URL? {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        guard var components = URLComponents(string: text + path) else { return nil }
        if !query.isEmpty {
            // Encode strictly: a bookmark may hold `+`, `/` or `=`, which a server could read as something else.
            components.percentEncodedQuery = query.map { item in
                "\(Self.strictlyEncoded(item.name))=\(Self.strictlyEncoded(item.value ?? ""))"
            }.joined(separator: "&")
        }
        return components.url
    }
}

extension Endpoint {
    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
    )

    static func strictlyEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func segment(_ id: String) -> String {
        strictlyEncoded(id)
    }

    static func listCustomerLists(account: String, pageSize: Int, bookmark: String?) -> Endpoint {
        Endpoint(
            method: .get, template: "/ad_accounts/{id}/customer_lists",
            path: "/ad_accounts/\(segment(account))/customer_lists",
            query: pageQuery(pageSize: pageSize, bookmark: bookmark)
        )
    }

    static func getCustomerList(account: String, id: String) -> Endpoint {
        Endpoint(
            method: .get, template: "/ad_accounts/{id}/customer_lists/{id}",
            path: "/ad_accounts/\(segment(account))/customer_lists/\(segment(id))", query: []
        )
    }

    static func createCustomerList(account: String) -> Endpoint {
        Endpoint(
            method: .post, template: "/ad_accounts/{id}/customer_lists",
            path: "/ad_accounts/\(segment(account))/customer_lists", query: []
        )
    }

    static func updateCustomerList(account: String, id: String) -> Endpoint {
        Endpoint(
            method: .patch, template: "/ad_accounts/{id}/customer_lists/{id}",
            path: "/ad_accounts/\(segment(account))/customer_lists/\(segment(id))", query: []
        )
    }

    static func listAudiences(account: String, pageSize: Int, bookmark: String?) -> Endpoint {
        Endpoint(
            method: .get, template: "/ad_accounts/{id}/audiences",
            path: "/ad_accounts/\(segment(account))/audiences",
            query: pageQuery(pageSize: pageSize, bookmark: bookmark)
        )
    }

    static func getAudience(account: String, id: String) -> Endpoint {
        Endpoint(
            method: .get, template: "/ad_accounts/{id}/audiences/{id}",
            path: "/ad_accounts/\(segment(account))/audiences/\(segment(id))", query: []
        )
    }

    static func createAudience(account: String) -> Endpoint {
        Endpoint(
            method: .post, template: "/ad_accounts/{id}/audiences",
            path: "/ad_accounts/\(segment(account))/audiences", query: []
        )
    }

    static func sendEvents(account: String, test: Bool) -> Endpoint {
        Endpoint(
            method: .post, template: "/ad_accounts/{id}/events",
            path: "/ad_accounts/\(segment(account))/events",
            query: test ? [URLQueryItem(name: "test", value: "true")] : []
        )
    }

    private static func pageQuery(pageSize: Int, bookmark: String?) -> [URLQueryItem] {
        var items = [URLQueryItem(name: "page_size", value: String(pageSize))]
        if let bookmark { items.append(URLQueryItem(name: "bookmark", value: bookmark)) }
        return items
    }
}
