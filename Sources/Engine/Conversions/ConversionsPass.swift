import Logging
import Pinterest
import Store

/// The work of one ``ConversionsRun``: reading pages of events, deciding, batching, sending, recording.
///
/// Each page goes through three steps: in order, what needs the store (the collapse plan, the person's hashes);
/// on every core, the checks and the building (``ConversionDecider``); in order again, the batching, the sending
/// and the recording.
struct ConversionsPass {
    /// What the answer to an event waiting in the batch is recorded with.
    struct Pending {
        var eventID: Int64
        var messageID: String
        var name: String
        var timestamp: Int64
        var conversion: ConversionEventName
        var pinterestID: String
        var product: String?
        var warning: ConversionCheck?
    }

    let run: ConversionsRun
    let store: any ConversionStore
    let runID: Int64?
    var report = ConversionsReport()
    let decider: ConversionDecider
    var people: ConversionPeople
    var batch: [Pending] = []
    var batchEvents: [ConversionEvent] = []
    var batchJSON: [[UInt8]] = []
    var outcomes: [ConversionOutcome] = []
    var plan = CartCollapsePlan(candidates: [], kept: [], window: 0)
    /// The smallest id of a new event this run leaves without a row (left out by `--since`, or not answered):
    /// the cursor must stay below it.
    var lowestUndecided: Int64?
    var issuesByReason: [String: Int] = [:]
    /// Whether outcomes are written: not in dry runs, not with `test=true`.
    var records: Bool { runID != nil && !run.options.test }

    init(run: ConversionsRun, store: any ConversionStore, runID: Int64?) {
        self.run = run
        self.store = store
        self.runID = runID
        let builder = ConversionEventBuilder(
            configuration: run.configuration, allowIncompletePurchases: run.options.allowIncompletePurchases,
            now: run.now
        )
        decider = ConversionDecider(builder: builder, encodes: run.options.dryRun)
        people = ConversionPeople(defaultCallingCode: run.configuration.defaultCallingCode)
        report.dryRun = run.options.dryRun
        report.test = run.options.test
        if run.options.dryRun { report.bytes = 0 }
    }

    mutating func run() async throws {
        let configuration = run.configuration
        let names = configuration.mappedNames
        guard let newest = try store.newestEventReference(), !names.isEmpty else { return }
        let floor = run.now - configuration.maxAgeMillis
        let cursor = try store.conversionCursor()
        let scan = ConversionsRun.scan(
            cursor: cursor, cursorMessageID: try cursor.flatMap { try store.messageID(ofEvent: $0.lastEventID) },
            names: names, upTo: newest.id, floor: floor
        )
        let young = max(floor, run.options.since ?? floor)
        plan = CartCollapsePlan(
            candidates: try store.undecidedCartEvents(scan, cartNames: configuration.cartNames, since: young),
            kept: try store.keptCartEvents(
                conversion: ConversionEventName.addToCart.rawValue, since: young - configuration.cartWindowMillis
            ),
            window: configuration.cartWindowMillis
        )

        var after: Int64 = 0
        while true {
            let page = try store.heldConversionEvents(
                names: names, upTo: newest.id, after: after, limit: ConversionsRun.pageSize
            )
            guard let last = page.last else { break }
            try await consider(page.filter { $0.timestamp >= run.options.since ?? .min }, held: true)
            after = last.id
        }
        after = 0
        while true {
            var page = try store.undecidedConversionEvents(scan, after: after, limit: ConversionsRun.pageSize)
            guard let last = page.last else { break }
            if let since = run.options.since {
                for event in page where event.timestamp < since && event.timestamp >= floor {
                    lowestUndecided = min(lowestUndecided ?? event.id, event.id)
                }
                page.removeAll { $0.timestamp < since && $0.timestamp >= floor }
            }
            try await consider(page, held: false)
            after = last.id
            run.progress?("conversions: \(report.considered) events considered, \(report.batched) batched")
        }
        try await flush()
        try record()
        if records {
            let lastID = min(newest.id, (lowestUndecided ?? .max) - 1)
            try store.saveConversionCursor(
                ConversionCursor(
                    lastEventID: lastID, lastMessageID: try store.messageID(ofEvent: lastID),
                    names: names.joined(separator: "\t")
                ),
                at: Store.wallClockMillis()
            )
        }
    }

    /// Decides about a page of events and queues each outcome or send, in order.
    private mutating func consider(_ page: [ConversionSourceEvent], held: Bool) async throws {
        let builder = decider.builder
        let kept = page.map { plan.keptEvent(for: $0.id) }
        try await people.prepare(page, in: store) { kept[$0] == nil && !builder.isTooOld(page[$0]) }
        var items: [ConversionDecider.Item] = []
        items.reserveCapacity(page.count)
        for index in page.indices {
            guard let conversion = run.configuration.events[page[index].name] else { continue }
            let work: ConversionDecider.Item.Work
            if let kept = kept[index] {
                work = .collapse(into: kept)
            } else if builder.isTooOld(page[index]) {
                work = .tooOld
            } else {
                work = .decide(try people.userData(for: page[index], in: store))
            }
            items.append(ConversionDecider.Item(index: index, conversion: conversion, work: work))
        }
        report.considered += items.count
        if held { report.reconsidered += items.count }
        for (item, decided) in zip(items, await decider.decide(items, in: page)) {
            try await take(decided, for: page[item.index])
        }
    }

    /// Queues one decision: its event into the batch (sending a full batch), or its outcome.
    private mutating func take(_ decided: ConversionDecider.Decided, for source: ConversionSourceEvent) async throws {
        let decision = decided.decision
        switch decision.verdict {
        case .send(let warning):
            if let warning { report.warnings[warning, default: 0] += 1 }
            if let json = decided.json { batchJSON.append(json) }
            if let event = decision.event { batchEvents.append(event) }
            batch.append(
                Pending(
                    eventID: source.id, messageID: source.messageID, name: source.name, timestamp: source.timestamp,
                    conversion: decision.conversion, pinterestID: decision.pinterestID, product: decision.product,
                    warning: warning
                )
            )
            if batch.count == PinterestClient.maxConversionEventsPerRequest { try await flush() }
        case .stop(let check):
            report.skipped[check, default: 0] += 1
            let status: ConversionOutcome.Status = check.isFinal ? .skipped : .held
            note(source.messageID, source.name, status: status.rawValue, reason: check.rawValue)
            if records { try keep(outcome(source, decision, status, reason: check.rawValue)) }
        case .collapse(let kept):
            report.collapsed += 1
            if records { try keep(outcome(source, decision, .collapsed, collapsedInto: kept)) }
        }
    }

    private func outcome(
        _ source: ConversionSourceEvent, _ decision: ConversionDecision, _ status: ConversionOutcome.Status,
        reason: String? = nil, collapsedInto: Int64? = nil
    ) -> ConversionOutcome {
        ConversionOutcome(
            eventID: source.id, conversion: decision.conversion.rawValue, pinterestID: decision.pinterestID,
            status: status, reason: reason, collapsedInto: collapsedInto, product: decision.product,
            timestamp: source.timestamp
        )
    }
}
