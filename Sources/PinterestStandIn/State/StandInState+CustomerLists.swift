import Foundation

/// Customer lists the way Pinterest keeps them: per ad account, records added minus records removed.
extension StandInState {
    func listCustomerLists(account: String, query: [String: String]) throws -> StandInReply {
        let items = lists.values.filter { $0.adAccountID == account }.sorted { Self.idOrder($0.id, $1.id) }
        return try page(items.map { ($0.id, $0.json()) }, query: query)
    }

    func getCustomerList(account: String, id: String?) throws -> StandInReply {
        .ok(try storedList(account: account, id: id).json())
    }

    func createCustomerList(account: String, body: Data) throws -> StandInReply {
        let object = try objectBody(body)
        try rejectUnknownKeys(object, allowed: ["name", "records", "list_type"])
        let name = try requiredString(object, "name")
        guard !name.trimmingWhitespace().isEmpty else { throw StandInReplyError(.invalid("'name' is empty")) }
        let records = try parseRecords(try requiredString(object, "records"))
        let listType = try optionalString(object, "list_type") ?? "EMAIL"
        let listTypes: Set = ["EMAIL", "IDFA", "MAID", "LR_ID", "DLX_ID", "HASHED_PINNER_ID"]
        guard listTypes.contains(listType) else {
            throw StandInReplyError(.invalid("'list_type' \(listType) is not one of \(listTypes.sorted())"))
        }
        let now = nowSeconds
        let list = StandInCustomerList(
            id: makeID(), adAccountID: account, name: name, records: Set(records), createdTime: now,
            updatedTime: now, numBatches: 1, numUploadedUserRecords: Int64(records.count), numRemovedUserRecords: 0
        )
        lists[list.id] = list
        return .ok(list.json(status: "PROCESSING"))
    }

    func updateCustomerList(account: String, id: String?, body: Data) throws -> StandInReply {
        var list = try storedList(account: account, id: id)
        let object = try objectBody(body)
        try rejectUnknownKeys(object, allowed: ["operation_type", "records"])
        let operation = try requiredString(object, "operation_type")
        let records = try parseRecords(try requiredString(object, "records"))
        switch operation {
        case "ADD":
            list.records.formUnion(records)
            list.numUploadedUserRecords += Int64(records.count)
        case "REMOVE":
            list.records.subtract(records)
            list.numRemovedUserRecords += Int64(records.count)
        default:
            throw StandInReplyError(.invalid("'operation_type' \(operation) is not one of ['ADD', 'REMOVE']"))
        }
        list.numBatches += 1
        list.updatedTime = nowSeconds
        lists[list.id] = list
        return .ok(list.json(status: "PROCESSING"))
    }

    /// The list `id` in `account`, or Pinterest's 404.
    func storedList(account: String, id: String?) throws -> StandInCustomerList {
        guard let id, let list = lists[id], list.adAccountID == account else {
            throw StandInReplyError(.notFound("Customer list not found."))
        }
        return list
    }

    /// Numeric order of digit-string ids.
    static func idOrder(_ lhs: String, _ rhs: String) -> Bool {
        (lhs.count, lhs) < (rhs.count, rhs)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
