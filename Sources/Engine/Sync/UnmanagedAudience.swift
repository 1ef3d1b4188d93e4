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
    /// Current audiences whose list is the same one (a segment renamed with the same `pinterest.audience`
    /// adopts the list): they keep their own people on it.
    public var sharedWith: [String] = []

    public init(name: String, pinterestName: String, customerListID: String?, people: Int) {
        self.name = name
        self.pinterestName = pinterestName
        self.customerListID = customerListID
        self.people = people
    }

    enum CodingKeys: String, CodingKey {
        case name, people
        case sharedWith = "shared_with"
        case pinterestName = "pinterest_name"
        case customerListID = "customer_list_id"
    }

    /// One line for the report: what is wrong, where, and how to fix it.
    public var warning: String {
        let list = customerListID.map { "its customer list \($0) (\"\(pinterestName)\")" }
            ?? "its customer list \"\(pinterestName)\""
        let retire = "run `segsync sync --retire \(name)` to take its people off the list and forget it."
        guard sharedWith.isEmpty else {
            return "audience \(name) was synced before, but no segment file makes it an audience any more: \(list) "
                + "is also the list of \(sharedWith.joined(separator: ", ")), which keeps its own people there; "
                + "the others of the \(people) \(name) last sent stay until you " + retire
        }
        return "audience \(name) was synced before, but no segment file makes it an audience any more: \(list) "
            + "still holds the \(people) people last sent, and nothing updates it. Restore segments/\(name).yml "
            + "with pinterest.audience to keep it true, or " + retire
    }
}
