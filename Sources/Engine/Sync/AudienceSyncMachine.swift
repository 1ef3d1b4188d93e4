/// The steps of syncing one audience to Pinterest, as a pure state machine: the runner asks ``next()``,
/// performs the step, and reports the outcome back. Time, HTTP and the store stay outside.
///
/// The order it gives:
/// 1. When no customer list is recorded and there is something to send: look for a list of the audience's
///    name (``Step/findList``) and adopt it, else create one with the first addition batch.
/// 2. As soon as the list is known: look for the audience of that name, and create it when there is none.
/// 3. Every removal batch, then every addition batch.
///
/// An audience that has a list and an audience and nothing to send is ``Step/done`` at once: zero calls.
///
/// ```swift
/// var machine = AudienceSyncMachine(listID: nil, audienceID: nil, schedule: schedule)
/// while true {
///     switch machine.next() {
///     case .findList: machine.listFound(try await client.findCustomerList(named: name)?.id)
///     ...
///     case .done: return
///     }
/// }
/// ```
public struct AudienceSyncMachine: Sendable, Hashable {
    /// What to do next.
    public enum Step: Sendable, Hashable {
        /// List the customer lists and adopt the one named as the audience, if any.
        case findList
        /// Create the customer list with this first addition batch.
        case createList(PlannedBatch)
        /// List the audiences and adopt the one named as the audience and made of this list, if any.
        case findAudience(listID: String)
        /// Create the `CUSTOMER_LIST` audience of this list.
        case createAudience(listID: String)
        /// Send this batch to the list.
        case send(PlannedBatch, listID: String)
        /// There is no list: the ledger's hashes in this removal batch are on no list; drop them without a call.
        case forgetRemovals(PlannedBatch)
        /// Nothing is left to do.
        case done

        /// Whether the step calls Pinterest.
        public var callsPinterest: Bool {
            switch self {
            case .forgetRemovals, .done: false
            default: true
            }
        }
    }

    /// The customer list, once known.
    public private(set) var listID: String?
    /// The audience, once known.
    public private(set) var audienceID: String?
    /// The removal and addition batches still to send.
    public private(set) var schedule: BatchSchedule
    /// How many batches of each operation were done.
    public private(set) var removalsDone = 0
    public private(set) var additionsDone = 0
    private var listLookedUp = false
    private var audienceLookedUp = false
    /// False for an audience being retired: its list is emptied, and no Pinterest audience is made for it.
    private let needsAudience: Bool

    /// A machine for an audience whose store record holds these ids, with this diff to send.
    public init(listID: String?, audienceID: String?, schedule: BatchSchedule, needsAudience: Bool = true) {
        self.listID = listID
        self.audienceID = audienceID
        self.schedule = schedule
        self.needsAudience = needsAudience
    }

    private var nextRemoval: PlannedBatch? {
        removalsDone < schedule.removeBatches ? schedule.batch(at: removalsDone) : nil
    }

    private var nextAddition: PlannedBatch? {
        additionsDone < schedule.addBatches ? schedule.batch(at: schedule.removeBatches + additionsDone) : nil
    }

    /// The next step.
    public func next() -> Step {
        guard let listID else {
            guard nextRemoval != nil || nextAddition != nil else { return .done }
            if !listLookedUp { return .findList }
            if let removal = nextRemoval { return .forgetRemovals(removal) }
            if let addition = nextAddition { return .createList(addition) }
            return .done
        }
        if audienceID == nil, needsAudience {
            return audienceLookedUp ? .createAudience(listID: listID) : .findAudience(listID: listID)
        }
        if let removal = nextRemoval { return .send(removal, listID: listID) }
        if let addition = nextAddition { return .send(addition, listID: listID) }
        return .done
    }

    /// The list lookup found `id` (nil: no list of that name).
    public mutating func listFound(_ id: String?) {
        listLookedUp = true
        listID = id
    }

    /// The list was created with the first addition batch.
    public mutating func listCreated(_ id: String) {
        listLookedUp = true
        listID = id
        additionsDone += 1
    }

    /// The audience lookup found `id` (nil: none of that name).
    public mutating func audienceFound(_ id: String?) {
        audienceLookedUp = true
        audienceID = id
    }

    /// The audience was created.
    public mutating func audienceCreated(_ id: String) {
        audienceLookedUp = true
        audienceID = id
    }

    /// The batch of the last ``Step/send(_:listID:)`` or ``Step/forgetRemovals(_:)`` is done.
    public mutating func batchDone() {
        if nextRemoval != nil { removalsDone += 1 } else if nextAddition != nil { additionsDone += 1 }
    }

    /// The calls the steps take when every lookup finds nothing: what a plan announces.
    public static func predictedCalls(
        listID: String?, audienceID: String?, schedule: BatchSchedule, needsAudience: Bool = true
    ) -> Int {
        var machine = AudienceSyncMachine(
            listID: listID, audienceID: audienceID, schedule: schedule, needsAudience: needsAudience)
        var calls = 0
        var created = 0
        while true {
            let step = machine.next()
            if step.callsPinterest { calls += 1 }
            switch step {
            case .findList: machine.listFound(nil)
            case .createList:
                created += 1
                machine.listCreated("planned-\(created)")
            case .findAudience: machine.audienceFound(nil)
            case .createAudience: machine.audienceCreated("planned")
            case .send, .forgetRemovals: machine.batchDone()
            case .done: return calls
            }
        }
    }
}
