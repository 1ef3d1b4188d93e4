/// A parsed rule's condition: the abstract syntax tree of the segment language.
///
/// Boolean structure is n-ary (`a AND b AND c` is one ``and(_:)`` of three), so long chains stay flat.
/// Parentheses leave no node. Every case is a value: a reference evaluator can interpret the tree
/// directly, and two conditions compare equal when they are written alike, including their
/// ``SourceRange``s (use ``normalizingRanges()`` to compare meaning only).
public indirect enum Condition: Equatable, Sendable {
    /// True when every operand is (two or more operands).
    case and([Condition])
    /// True when any operand is (two or more operands).
    case or([Condition])
    /// True for every person in the store for whom the operand is false.
    case not(Condition)
    /// `Checkout Started in last 24h`, `Add to Cart 3+ times`, `X not followed by Y within 6h`.
    case event(EventCondition)
    /// `sum(value) of Purchased in last 365d > 300`, `count of Refunded >= 2`.
    case aggregate(AggregateCondition)
    /// `LTV > $300`, `plan IS SET`, `last_order_at more than 90d ago`.
    case attribute(AttributeCondition)
    /// `in segment vip_manual`.
    case segment(SegmentReference)
    /// A bare word followed by `MORE THAN ... AGO` or `BEFORE date`, which is an event or an attribute
    /// depending on the event names known; ``Rule/analyze(knownEvents:knownAttributes:aliases:)`` decides.
    case eventOrAttribute(EventOrAttributeCondition)
}

/// `in segment NAME`: true for the members of the named segment, as its own rule defines them.
public struct SegmentReference: Equatable, Sendable {
    /// The segment's name (its file name without `.yml`).
    public var name: String
    /// Where the name is written.
    public var range: SourceRange

    public init(name: String, range: SourceRange = .none) {
        self.name = name
        self.range = range
    }
}

/// The names a condition mentions, each once, in the order they are first written.
public struct RuleReferences: Equatable, Sendable {
    /// Segments referenced with `in segment NAME`.
    public var segments: [String] = []
    /// Event names, as written (before aliases are applied), including those of sequences and aggregates.
    public var events: [String] = []
    /// Attribute names as written (`LTV`, `address.country`).
    public var attributes: [String] = []
    /// Bare words that are an event or an attribute depending on the store (unresolved rules only).
    public var eventsOrAttributes: [String] = []

    public init() {}
}

extension Condition {
    /// The segments, events and attributes this condition mentions, for cycle checks and warnings.
    ///
    /// ```swift
    /// try Rule.parse("Purchased in last 7d OR in segment vip").condition.references.segments  // ["vip"]
    /// ```
    public var references: RuleReferences {
        var collector = ReferenceCollector()
        collector.visit(self)
        return collector.references
    }
}

/// Walks a condition and gathers the names it mentions, without duplicates.
private struct ReferenceCollector {
    var references = RuleReferences()
    private var seen: [WritableKeyPath<RuleReferences, [String]>: Set<String>] = [:]

    mutating func visit(_ condition: Condition) {
        switch condition {
        case .and(let operands), .or(let operands):
            for operand in operands { visit(operand) }
        case .not(let operand):
            visit(operand)
        case .event(let event):
            add(event.event.name, to: \.events)
            if let sequence = event.sequence { add(sequence.event.name, to: \.events) }
        case .aggregate(let aggregate):
            add(aggregate.event.name, to: \.events)
        case .attribute(let attribute):
            add(attribute.attribute.text, to: \.attributes)
        case .segment(let reference):
            add(reference.name, to: \.segments)
        case .eventOrAttribute(let undecided):
            add(undecided.name, to: \.eventsOrAttributes)
        }
    }

    private mutating func add(_ name: String, to list: WritableKeyPath<RuleReferences, [String]>) {
        if seen[list, default: []].insert(name).inserted {
            references[keyPath: list].append(name)
        }
    }
}
