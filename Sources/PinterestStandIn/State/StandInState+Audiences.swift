import Foundation

/// `CUSTOMER_LIST` audiences: per ad account, each made of one of the account's customer lists.
extension StandInState {
    func listAudiences(account: String, query: [String: String]) throws -> StandInReply {
        if let ownership = query["ownership_type"], !["OWNED", "RECEIVED"].contains(ownership) {
            throw StandInReplyError(.invalid("'ownership_type' must be OWNED or RECEIVED"))
        }
        let owned = query["ownership_type"] != "RECEIVED"
        let items = owned ? audiences.values.filter { $0.adAccountID == account } : []
        let sorted = items.sorted { Self.idOrder($0.id, $1.id) }
        return try page(sorted.map { ($0.id, $0.json(size: size(of: $0))) }, query: query)
    }

    func getAudience(account: String, id: String?) throws -> StandInReply {
        guard let id, let audience = audiences[id], audience.adAccountID == account else {
            throw StandInReplyError(.notFound("Audience not found."))
        }
        return .ok(audience.json(size: size(of: audience)))
    }

    func createAudience(account: String, body: Data) throws -> StandInReply {
        let object = try objectBody(body)
        try rejectUnknownKeys(object, allowed: ["ad_account_id", "name", "rule", "audience_type", "description"])
        let name = try requiredString(object, "name")
        let type = try requiredString(object, "audience_type")
        let description = try optionalString(object, "description")
        if let owner = try optionalString(object, "ad_account_id"), owner != account {
            throw StandInReplyError(.invalid("'ad_account_id' does not match the path"))
        }
        guard type == "CUSTOMER_LIST" else {
            let known: Set = ["CUSTOMER_LIST", "VISITOR", "ENGAGEMENT", "ACTALIKE", "PERSONA"]
            guard known.contains(type) else {
                throw StandInReplyError(.invalid("'audience_type' \(type) is not one of \(known.sorted())"))
            }
            throw StandInReplyError(.invalid("the stand-in makes CUSTOMER_LIST audiences only"))
        }
        guard let ruleValue = object["rule"] else { throw StandInReplyError(.invalid("'rule' is a required property")) }
        guard let rule = ruleValue.objectValue else {
            throw StandInReplyError(.invalid("'rule' must be an object, not \(ruleValue.typeName)"))
        }
        let listID = try requiredString(rule, "customer_list_id")
        guard let list = lists[listID], list.adAccountID == account else {
            throw StandInReplyError(.invalid("customer list \(listID) not found in this ad account"))
        }
        let now = nowSeconds
        let audience = StandInAudience(
            id: makeID(), adAccountID: account, name: name, description: description, customerListID: list.id,
            createdTimestamp: now, updatedTimestamp: now
        )
        audiences[audience.id] = audience
        return .ok(audience.json(size: size(of: audience)))
    }

    /// The audience's size: its list's record count (the stand-in matches every record).
    func size(of audience: StandInAudience) -> Int {
        lists[audience.customerListID]?.records.count ?? 0
    }
}
