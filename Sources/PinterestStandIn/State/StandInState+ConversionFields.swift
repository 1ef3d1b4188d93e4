import Foundation

/// The checks on `user_data` and `custom_data` of a conversion event.
extension StandInState {
    static let hashedUserFields: Set = [
        "em", "hashed_maids", "ph", "fn", "ln", "ge", "db", "ct", "st", "zp", "country", "external_id",
    ]
    static let plainUserFields: Set = ["client_ip_address", "client_user_agent", "click_id", "partner_id"]
    static let customKeys: Set = [
        "content_brand", "content_category", "content_ids", "content_name", "contents", "currency",
        "external_measurement_id", "external_measurement_vendor_id", "np", "num_items", "opt_out_type", "order_id",
        "predicted_ltv", "search_string", "value",
    ]
    static let contentKeys: Set = ["id", "item_brand", "item_category", "item_name", "item_price", "quantity"]

    /// Hashes must be SHA-256 lowercase hex; Pinterest needs an email, a mobile ad id, or IP with user agent.
    func userDataProblem(_ value: JSONValue?) -> String? {
        guard let fields = value?.objectValue else { return "'user_data' must be an object" }
        for key in fields.keys.sorted() {
            guard let field = fields[key] else { continue }
            if Self.hashedUserFields.contains(key) {
                guard let items = field.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                    return "'user_data.\(key)' must be an array of strings"
                }
                if items.contains(where: { !Self.isSHA256Hex($0.stringValue ?? "") }) {
                    return "'user_data.\(key)' must hold SHA-256 lowercase hex hashes"
                }
            } else if Self.plainUserFields.contains(key) {
                guard field.stringValue != nil || (field == .null && ["click_id", "partner_id"].contains(key)) else {
                    return "'user_data.\(key)' must be a string"
                }
            } else {
                return "'user_data.\(key)' is not a user data field"
            }
        }
        let hasEmail = !(fields["em"]?.arrayValue ?? []).isEmpty
        let hasMaid = !(fields["hashed_maids"]?.arrayValue ?? []).isEmpty
        let hasPair = fields["client_ip_address"]?.stringValue != nil && fields["client_user_agent"]?.stringValue != nil
        guard hasEmail || hasMaid || hasPair else {
            return "'user_data' needs em, hashed_maids, or client_ip_address with client_user_agent"
        }
        return nil
    }

    /// Money as decimal strings, counts as integers, no unknown keys.
    func customDataProblem(_ value: JSONValue) -> String? {
        guard let fields = value.objectValue else { return "'custom_data' must be an object" }
        if let unknown = fields.keys.sorted().first(where: { !Self.customKeys.contains($0) }) {
            return "'custom_data.\(unknown)' is not a custom data field"
        }
        for key in ["value", "predicted_ltv"] {
            guard let field = fields[key], field != .null else { continue }
            guard let text = field.stringValue, Double(text) != nil else {
                return "'custom_data.\(key)' must be a decimal number in a string"
            }
        }
        for key in ["currency", "order_id", "content_name", "content_category", "content_brand", "search_string"] {
            if let field = fields[key], field != .null, field.stringValue == nil {
                return "'custom_data.\(key)' must be a string"
            }
        }
        if let count = fields["num_items"], count.integerValue == nil {
            return "'custom_data.num_items' must be an integer"
        }
        if let ids = fields["content_ids"], !(ids.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false) {
            return "'custom_data.content_ids' must be an array of strings"
        }
        if let contents = fields["contents"] {
            guard let items = contents.arrayValue else { return "'custom_data.contents' must be an array" }
            for item in items {
                guard let line = item.objectValue else { return "'custom_data.contents' items must be objects" }
                if let unknown = line.keys.sorted().first(where: { !Self.contentKeys.contains($0) }) {
                    return "'custom_data.contents.\(unknown)' is not a content field"
                }
                if let price = line["item_price"], price.stringValue.flatMap(Double.init) == nil {
                    return "'custom_data.contents.item_price' must be a decimal number in a string"
                }
                if let quantity = line["quantity"], quantity.integerValue == nil {
                    return "'custom_data.contents.quantity' must be an integer"
                }
            }
        }
        return nil
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func invalidEvents(_ detail: String) -> StandInReply {
        .error(400, code: 4196, "The request was invalid. \(detail)")
    }
}
