import Foundation

/// The Pinterest operations the stand-in serves, named by the spec's `operationId`.
public enum StandInOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case listCustomerLists = "customer_lists/list"
    case getCustomerList = "customer_lists/get"
    case createCustomerList = "customer_lists/create"
    case updateCustomerList = "customer_lists/update"
    case listAudiences = "audiences/list"
    case getAudience = "audiences/get"
    case createAudience = "audiences/create"
    case sendEvents = "events/create"

    /// The HTTP method.
    public var method: String {
        switch self {
        case .listCustomerLists, .getCustomerList, .listAudiences, .getAudience: return "GET"
        case .createCustomerList, .createAudience, .sendEvents: return "POST"
        case .updateCustomerList: return "PATCH"
        }
    }

    /// The path template as the spec writes it, without the `/v5` prefix.
    public var template: String {
        switch self {
        case .listCustomerLists, .createCustomerList: return "/ad_accounts/{ad_account_id}/customer_lists"
        case .getCustomerList, .updateCustomerList:
            return "/ad_accounts/{ad_account_id}/customer_lists/{customer_list_id}"
        case .listAudiences, .createAudience: return "/ad_accounts/{ad_account_id}/audiences"
        case .getAudience: return "/ad_accounts/{ad_account_id}/audiences/{audience_id}"
        case .sendEvents: return "/ad_accounts/{ad_account_id}/events"
        }
    }

    /// `PATCH /ad_accounts/{ad_account_id}/customer_lists/{customer_list_id}`.
    public var description: String { "\(method) \(template)" }

    /// The operation a method and a path (without the `/v5` prefix) name, with the path's parameters.
    static func match(method: String, path: String) -> (StandInOperation, [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for operation in allCases where operation.method == method {
            let pattern = operation.template.split(separator: "/").map(String.init)
            guard pattern.count == segments.count else { continue }
            var parameters: [String: String] = [:]
            var matches = true
            for (part, segment) in zip(pattern, segments) {
                if part.hasPrefix("{"), part.hasSuffix("}") {
                    parameters[String(part.dropFirst().dropLast())] = segment.removingPercentEncoding ?? segment
                } else if part != segment {
                    matches = false
                    break
                }
            }
            if matches { return (operation, parameters) }
        }
        return nil
    }
}
