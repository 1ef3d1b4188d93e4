/// An audience the store synced before that no segment file makes an audience any more.
public struct UnmanagedAudience: Sendable, Equatable, Encodable {
    /// The segment name it was synced under.
    public var name: String
    /// Its name on Pinterest.
    public var pinterestName: String
    /// The customer list that still holds its people, when one was made.
    public var customerListID: String?
    /// How many people the ledger says the list holds.
    public var people: Int

    public init(name: String, pinterestName: String, customerListID: String?, people: Int) {
        self.name = name
        self.pinterestName = pinterestName
        self.customerListID = customerListID
        self.people = people
    }

    enum CodingKeys: String, CodingKey {
        case name, people
        case pinterestName = "pinterest_name"
        case customerListID = "customer_list_id"
    }

    /// One line for the report: what is wrong, where, and how to fix it.
    public var warning: String {
        let list = customerListID.map { "its customer list \($0) (\"\(pinterestName)\")" }
            ?? "its customer list \"\(pinterestName)\""
        return "audience \(name) was synced before, but no segment file makes it an audience any more: \(list) "
            + "still holds the \(people) people last sent, and nothing updates it. Restore segments/\(name).yml "
            + "with pinterest.audience to keep it true, or run `segsync sync --retire \(name)` to take its people "
            + "off the list and forget it."
    }
}
