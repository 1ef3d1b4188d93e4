import Store

/// What one audience should hold on Pinterest at an instant and how that differs from what it holds:
/// a value computed by ``SyncPlanner``, whose hashes wait in the store's diff table.
public struct AudiencePlan: Sendable, Equatable {
    /// The segment's name; the ledger and the store's audience record are kept under it.
    public var name: String
    /// The customer list's and the Pinterest audience's name (`pinterest.audience`).
    public var pinterestName: String
    /// The people the rule selects, before suppression, and how suppression took them out.
    public var counts: AudienceCounts
    /// What to add, remove and keep.
    public var diff: LedgerDiffCounts
    /// The ids Pinterest gave the list and audience in earlier runs, when there were any.
    public var record: AudienceRecord?
    /// Records per call.
    public var batchSize: Int
    /// Whether the audience is being retired (`--retire`): no segment makes it any more, every person its
    /// ledger holds is removed from its list, and once that is done the store forgets it.
    public var retiring = false

    public init(
        name: String, pinterestName: String, counts: AudienceCounts, diff: LedgerDiffCounts,
        record: AudienceRecord?, batchSize: Int
    ) {
        self.name = name
        self.pinterestName = pinterestName
        self.counts = counts
        self.diff = diff
        self.record = record
        self.batchSize = batchSize
    }

    /// The people left after suppression.
    public var members: Int { counts.members }

    /// The batches the diff is sent in, removals first.
    public var schedule: BatchSchedule {
        BatchSchedule(remove: diff.remove, add: diff.add, batchSize: batchSize)
    }

    /// Whether nothing is to be sent.
    public var isUnchanged: Bool { diff.add == 0 && diff.remove == 0 }

    /// Whether there is nothing to do at all: no change, and a list and audience that exist (or none needed).
    public var needsNoCall: Bool { predictedCalls == 0 }

    /// The Pinterest calls the sync will make when every lookup finds nothing (a lookup that adopts an existing
    /// list saves the audience lookups no call, and sends the first batch as an update instead of a creation).
    public var predictedCalls: Int {
        AudienceSyncMachine.predictedCalls(
            listID: record?.customerListId, audienceID: record?.audienceId, schedule: schedule,
            needsAudience: !retiring)
    }

    /// Warnings to show with the plan: `TOO_SMALL` when Pinterest will not serve the audience; `RENAMED` when
    /// `pinterest.audience` changed after the list was made (Pinterest's API cannot rename a customer list).
    public var warnings: [String] {
        var warnings: [String] = []
        let target = diff.target
        if !retiring, target < SyncSettings.minimumServedSize {
            warnings.append(
                "TOO_SMALL: \(name) holds \(target) matchable \(target == 1 ? "person" : "people"); Pinterest serves "
                    + "an audience only once at least \(SyncSettings.minimumServedSize) of them match Pinterest users")
        }
        if let record, let list = record.customerListId, record.pinterestName != pinterestName {
            warnings.append(
                "RENAMED: pinterest.audience of \(name) is now \"\(pinterestName)\", but its customer list \(list) on "
                    + "Pinterest is named \"\(record.pinterestName)\" and the API cannot rename it; segsync keeps "
                    + "syncing that list. Put the old name back to keep it quietly, or delete the list in Ads Manager "
                    + "to have the next syncs make \"\(pinterestName)\" and send everyone to it.")
        }
        return warnings
    }

    /// Why the audience is skipped, when it is: nothing to send and no list yet (lists are created with
    /// their first records).
    public var skipReason: String? {
        guard record?.customerListId == nil, diff.add == 0, diff.remove == 0 else { return nil }
        return "no matchable members yet; the customer list is created with the first"
    }
}
