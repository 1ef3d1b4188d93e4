import Foundation

/// Driving and inspecting a running stand-in from tests.
extension PinterestStandIn {
    // MARK: Faults

    /// Queues `fault` for the next `times` requests to `operation` (any operation when `nil`), after the faults
    /// already queued for it.
    public func inject(_ fault: StandInFault, on operation: StandInOperation? = nil, times: Int = 1) async {
        await state.enqueue(fault, on: operation, times: times)
    }

    /// How many queued faults no request has used yet.
    public func pendingFaultCount() async -> Int {
        await state.pendingFaultCount
    }

    /// Drops every queued fault.
    public func clearFaults() async {
        await state.clearFaults()
    }

    // MARK: Requests

    /// Every request received so far, in arrival order.
    public func requests() async -> [RecordedRequest] {
        await state.requests
    }

    /// The requests to `operation`, in arrival order.
    public func requests(to operation: StandInOperation) async -> [RecordedRequest] {
        await state.requests.filter { $0.operation == operation }
    }

    /// Forgets the requests received so far (the request log file keeps them).
    public func clearRequests() async {
        await state.clearRequests()
    }

    // MARK: Resources

    /// The records a customer list holds now (added minus removed), or `nil` when there is no such list.
    public func records(ofList id: String) async -> Set<String>? {
        await state.lists[id]?.records
    }

    /// The customer lists of an ad account (every account when `nil`), oldest first.
    public func customerLists(inAccount account: String? = nil) async -> [StandInCustomerList] {
        await state.lists.values.filter { account == nil || $0.adAccountID == account }
            .sorted { StandInState.idOrder($0.id, $1.id) }
    }

    /// The audiences of an ad account (every account when `nil`), oldest first.
    public func audiences(inAccount account: String? = nil) async -> [StandInAudience] {
        await state.audiences.values.filter { account == nil || $0.adAccountID == account }
            .sorted { StandInState.idOrder($0.id, $1.id) }
    }

    /// The conversion events processed so far (not those sent with `test=true`), in arrival order.
    public func conversionEvents() async -> [ReceivedConversionEvent] {
        await state.events
    }

    /// Deletes a customer list and the audiences built on it, as someone might in Pinterest's Ads Manager:
    /// calls on the list then answer 404.
    public func deleteCustomerList(id: String) async {
        await state.deleteList(id: id)
    }

    /// Creates a customer list directly, as if another run had made it: for adoption tests.
    ///
    /// - Returns: The new list's id.
    @discardableResult
    public func seedCustomerList(named name: String, records: Set<String>, inAccount account: String) async -> String {
        await state.seedList(name: name, records: records, account: account)
    }
}

extension StandInState {
    func deleteList(id: String) {
        lists[id] = nil
        audiences = audiences.filter { $0.value.customerListID != id }
    }

    func seedList(name: String, records: Set<String>, account: String) -> String {
        let now = nowSeconds
        let list = StandInCustomerList(
            id: makeID(), adAccountID: account, name: name, records: records, createdTime: now, updatedTime: now,
            numBatches: 1, numUploadedUserRecords: Int64(records.count), numRemovedUserRecords: 0
        )
        lists[list.id] = list
        return list.id
    }
}
