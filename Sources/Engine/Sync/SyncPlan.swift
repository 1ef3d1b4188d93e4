import Store

/// What a sync would do at one instant: every audience's plan, evaluated together against one store state.
///
/// `segsync plan` prints it; ``SyncRunner`` carries it out. Its hashes wait in the store's TEMP diff table, so a
/// plan is used on the store (connection) that made it, before another plan replaces them.
public struct SyncPlan: Sendable, Equatable {
    /// The evaluation instant (ms).
    public var asOf: Int64
    /// The newest stored event's age at `asOf`, and the guard's verdict.
    public var staleness: Staleness
    /// Records per call.
    public var batchSize: Int
    /// One plan per audience, by segment name.
    public var audiences: [AudiencePlan]
    /// How long the evaluation and the diffs took, in milliseconds.
    public var elapsedMilliseconds: Int
    /// Audiences synced before whose segment is gone (or no longer names a Pinterest audience): their lists
    /// still hold the people last sent, and nothing keeps them true any more.
    public var unmanaged: [UnmanagedAudience] = []

    public init(
        asOf: Int64, staleness: Staleness, batchSize: Int, audiences: [AudiencePlan], elapsedMilliseconds: Int
    ) {
        self.asOf = asOf
        self.staleness = staleness
        self.batchSize = batchSize
        self.audiences = audiences
        self.elapsedMilliseconds = elapsedMilliseconds
    }

    /// The report `segsync plan` prints: per audience what would be added and removed, and the calls it takes.
    public var report: SyncReport {
        SyncReport(
            plan: self, runID: nil, status: "planned",
            audiences: audiences.map { plan in
                var report = AudienceSyncReport(plan: plan)
                report.calls = plan.predictedCalls
                if let reason = plan.skipReason {
                    report.status = .skipped
                    report.reason = reason
                }
                return report
            })
    }
}

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
            + "with pinterest.audience to keep it true, or pause or delete it on Pinterest."
    }
}
