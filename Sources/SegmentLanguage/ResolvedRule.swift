/// A rule in which every bare word that could be an event or an attribute has been decided, so that
/// it can be compiled. Make one with ``Rule/analyze(knownEvents:knownAttributes:aliases:)`` or
/// ``init(resolving:knownEvents:aliases:)``.
public struct ResolvedRule: Equatable, Sendable {
    public let name: String
    public let source: String
    /// The condition, without ``Condition/eventOrAttribute(_:)`` nodes.
    public let condition: Condition

    /// Decides each ``Condition/eventOrAttribute(_:)`` node: an event when `aliases` declares the name or
    /// `knownEvents` has it, an attribute otherwise. No checks are made.
    public init(resolving rule: Rule, knownEvents: Set<String>, aliases: [String: [String]] = [:]) {
        name = rule.name
        source = rule.source
        condition = rule.condition.resolved { Self.isEvent($0, knownEvents: knownEvents, aliases: aliases) }
    }

    /// How an event-or-attribute word is decided, here and in ``RuleAnalyzer``'s checks: an event when an alias
    /// declares it or the store has seen such an event.
    static func isEvent(_ name: String, knownEvents: Set<String>, aliases: [String: [String]]) -> Bool {
        knownEvents.contains(name) || aliases[name] != nil
    }

    /// The segments, events and attributes the rule mentions.
    public var references: RuleReferences { condition.references }
}

extension Condition {
    /// The condition with each event-or-attribute node replaced by its event reading when `isEvent` says
    /// so for its name, and by its attribute reading otherwise.
    func resolved(isEvent: (String) -> Bool) -> Condition {
        switch self {
        case .and(let operands): .and(operands.map { $0.resolved(isEvent: isEvent) })
        case .or(let operands): .or(operands.map { $0.resolved(isEvent: isEvent) })
        case .not(let operand): .not(operand.resolved(isEvent: isEvent))
        case .eventOrAttribute(let undecided):
            isEvent(undecided.name) ? .event(undecided.asEvent) : .attribute(undecided.asAttribute)
        case .event, .aggregate, .attribute, .segment: self
        }
    }
}
