import Logging

extension PinterestClient {
    /// Every customer list of the ad account, all pages.
    ///
    /// - Throws: ``PinterestError`` when a page cannot be had.
    public func listCustomerLists() async throws -> [CustomerList] {
        let account = self.account
        let pageSize = configuration.pageSize
        return try await allPages(CustomerList.self) { bookmark in
            .listCustomerLists(account: account, pageSize: pageSize, bookmark: bookmark)
        }
    }

    /// One customer list by id.
    ///
    /// - Throws: ``PinterestError`` (404 when there is no such list).
    public func getCustomerList(id: String) async throws -> CustomerList {
        try await call(.getCustomerList(account: account, id: id), body: Optional<Never>.none)
    }

    /// The customer list named exactly `name`, if the ad account has one; the oldest when it has several.
    ///
    /// segsync adopts such a list rather than creating a twin (after a crash between "created" and "recorded").
    public func findCustomerList(named name: String) async throws -> CustomerList? {
        let matches = try await listCustomerLists().filter { $0.name == name }
        return matches.min { Self.creationKey($0.createdTime, $0.id) < Self.creationKey($1.createdTime, $1.id) }
    }

    /// Creates a customer list holding `records`.
    ///
    /// Records are sent as one comma-separated string (`records`), with `list_type` `EMAIL`: emails hashed by
    /// ``PinterestHashing/hashedEmail(_:)``. A creation is not idempotent: after a timeout, a dropped connection
    /// or a 5xx, which may have been applied, the client looks for a list of that name before trying again and
    /// returns it if there is one, so that retries never make twins.
    ///
    /// - Parameters:
    ///   - name: The list's name.
    ///   - records: At least one record; none may contain a comma.
    /// - Throws: ``PinterestError`` (`invalidRequest` without sending when `records` is empty or holds a comma).
    public func createCustomerList(named name: String, records: [String]) async throws -> CustomerList {
        let endpoint = Endpoint.createCustomerList(account: account)
        let joined = try Self.joinedRecords(records, endpoint: endpoint)
        let body = CustomerListCreateRequest(name: name, records: joined)
        logger.info(
            "pinterest.customer_list.create",
            metadata: ["pinterest.records": "\(records.count)"]
        )
        let client = self
        return try await call(endpoint, body: body) {
            let found = try await client.findCustomerList(named: name)
            if let found {
                client.logger.info("pinterest.customer_list.adopted", metadata: ["pinterest.list": "\(found.id)"])
            }
            return found
        }
    }

    /// Adds records to, or removes records from, a customer list.
    ///
    /// Both are idempotent (adding a record already there, or removing one that is not, changes nothing), so
    /// every failure the policy allows is retried, including one that may have been applied.
    ///
    /// - Parameters:
    ///   - id: The list's id.
    ///   - operation: `.add` or `.remove`.
    ///   - records: At least one record; none may contain a comma.
    /// - Returns: The list as Pinterest returns it after the update.
    /// - Throws: ``PinterestError``.
    public func updateCustomerList(
        id: String, operation: CustomerListOperation, records: [String]
    ) async throws -> CustomerList {
        let endpoint = Endpoint.updateCustomerList(account: account, id: id)
        let joined = try Self.joinedRecords(records, endpoint: endpoint)
        logger.debug(
            "pinterest.customer_list.update",
            metadata: [
                "pinterest.list": "\(id)", "pinterest.operation": "\(operation.rawValue)",
                "pinterest.records": "\(records.count)",
            ]
        )
        return try await call(endpoint, body: CustomerListUpdateRequest(operationType: operation, records: joined))
    }

    /// The `records` string, or an `invalidRequest` error for an empty batch or a record holding a comma.
    static func joinedRecords(_ records: [String], endpoint: Endpoint) throws -> String {
        guard !records.isEmpty else {
            throw PinterestError(
                kind: .invalidRequest, message: "no records to send", endpoint: endpoint.name, attempts: 0
            )
        }
        guard !records.contains(where: { $0.contains(",") || $0.isEmpty }) else {
            throw PinterestError(
                kind: .invalidRequest, message: "a record is empty or holds a comma", endpoint: endpoint.name,
                attempts: 0
            )
        }
        return PinterestHashing.customerListRecords(records)
    }
}
