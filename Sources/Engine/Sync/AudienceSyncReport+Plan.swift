import Store

extension AudienceSyncReport {
    /// The report of a plan, before anything is sent.
    public init(plan: AudiencePlan) {
        self.init(
            name: plan.name, pinterestName: plan.pinterestName, count: plan.counts.count, members: plan.members,
            suppressed: plan.counts.suppressed, suppressedBy: plan.counts.suppressedBy, matchable: plan.diff.target,
            add: plan.diff.add, remove: plan.diff.remove, unchanged: plan.diff.unchanged, warnings: plan.warnings,
            customerListID: plan.record?.customerListId, audienceID: plan.record?.audienceId,
            retiring: plan.retiring ? true : nil)
    }

    /// One line for people: `cart_abandoners_6_24h (Cart abandoners 6-24h): 812 members, +120 -44 =648, 2 calls, ok`.
    public var line: String {
        var text = "\(name) (\(pinterestName)): \(members) members (\(suppressed) suppressed), \(matchable) matchable, "
            + "+\(add) -\(remove) =\(unchanged), \(calls) \(calls == 1 ? "call" : "calls"), \(status.rawValue)"
        if retiring == true { text += ", retiring" }
        if let error { text += ": \(error)" }
        if let reason { text += ": \(reason)" }
        return text
    }
}
