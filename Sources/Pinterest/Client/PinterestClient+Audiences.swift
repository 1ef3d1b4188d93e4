import Logging

extension PinterestClient {
    /// Every audience the ad account owns, all pages.
    ///
    /// - Throws: ``PinterestError`` when a page cannot be had.
    public func listAudiences() async throws -> [Audience] {
        let account = self.account
        let pageSize = configuration.pageSize
        return try await allPages(Audience.self) { bookmark in
            .listAudiences(account: account, pageSize: pageSize, bookmark: bookmark)
        }
    }

    /// One audience by id.
    ///
    /// - Throws: ``PinterestError`` (404 when there is no such audience).
    public func getAudience(id: String) async throws -> Audience {
        try await call(.getAudience(account: account, id: id), body: Optional<Never>.none)
    }

    /// The audience named exactly `name`, if the ad account owns one; the oldest when it has several.
    ///
    /// With `customerListID`, only an audience made of that list counts: an audience of the same name
    /// made of another list (one since deleted, say) would target other people, and is never adopted.
    public func findAudience(named name: String, customerListID: String? = nil) async throws -> Audience? {
        let matches = try await listAudiences().filter {
            $0.name == name && (customerListID == nil || $0.rule?.customerListID == customerListID)
        }
        return matches.min {
            Self.creationKey($0.createdTimestamp, $0.id) < Self.creationKey($1.createdTimestamp, $1.id)
        }
    }

    /// Creates a `CUSTOMER_LIST` audience made of a customer list: `rule` is `{"customer_list_id": …}`.
    ///
    /// Like list creation, not idempotent: after a failure that may have been applied, the client looks for an
    /// audience of that name before trying again and returns it if there is one.
    ///
    /// - Parameters:
    ///   - name: The audience's name.
    ///   - customerListID: The list the audience is made of.
    ///   - description: An optional description.
    /// - Throws: ``PinterestError``.
    public func createAudience(
        named name: String, customerListID: String, description: String? = nil
    ) async throws -> Audience {
        let body = AudienceCreateRequest(
            name: name, rule: AudienceRule(customerListID: customerListID), description: description
        )
        logger.info("pinterest.audience.create", metadata: ["pinterest.list": "\(customerListID)"])
        let client = self
        return try await call(.createAudience(account: account), body: body) {
            let found = try await client.findAudience(named: name, customerListID: customerListID)
            if let found {
                client.logger.info("pinterest.audience.adopted", metadata: ["pinterest.audience": "\(found.id)"])
            }
            return found
        }
    }
}
