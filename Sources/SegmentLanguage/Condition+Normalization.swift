/// Comparing conditions by meaning only.
extension Condition {
    /// The condition with every ``SourceRange`` set to ``SourceRange/none``, so that two conditions
    /// written differently (`24h` and `1 day`, other spacing, quotes) compare equal when they mean the same.
    public func normalizingRanges() -> Condition {
        switch self {
        case .and(let operands): .and(operands.map { $0.normalizingRanges() })
        case .or(let operands): .or(operands.map { $0.normalizingRanges() })
        case .not(let operand): .not(operand.normalizingRanges())
        case .event(let event): .event(event.normalizingRanges())
        case .aggregate(let aggregate): .aggregate(aggregate.normalizingRanges())
        case .attribute(let attribute): .attribute(attribute.normalizingRanges())
        case .segment(let reference): .segment(SegmentReference(name: reference.name))
        case .eventOrAttribute(let undecided):
            .eventOrAttribute(
                EventOrAttributeCondition(name: undecided.name, timing: undecided.timing))
        }
    }
}

extension EventCondition {
    func normalizingRanges() -> EventCondition {
        var event = self
        event.event.range = .none
        event.filter = filter?.normalizingRanges()
        event.sequence?.event.range = .none
        event.sequence?.filter = sequence?.filter?.normalizingRanges()
        event.range = .none
        event.windowRange = .none
        return event
    }
}

extension AggregateCondition {
    func normalizingRanges() -> AggregateCondition {
        var aggregate = self
        aggregate.event.range = .none
        aggregate.filter = filter?.normalizingRanges()
        aggregate.aggregate = self.aggregate.normalizingRanges()
        aggregate.range = .none
        aggregate.windowRange = .none
        return aggregate
    }
}

extension AttributeCondition {
    func normalizingRanges() -> AttributeCondition {
        var attribute = self
        attribute.attribute.range = .none
        attribute.range = .none
        return attribute
    }
}

extension PropertyFilter {
    func normalizingRanges() -> PropertyFilter {
        switch self {
        case .test(var test):
            test.property.range = .none
            return .test(test)
        case .and(let operands): return .and(operands.map { $0.normalizingRanges() })
        case .or(let operands): return .or(operands.map { $0.normalizingRanges() })
        }
    }
}

extension Aggregate {
    func normalizingRanges() -> Aggregate {
        switch self {
        case .count: .count
        case .sum(let path): .sum(FieldPath(path.text))
        case .average(let path): .average(FieldPath(path.text))
        case .minimum(let path): .minimum(FieldPath(path.text))
        case .maximum(let path): .maximum(FieldPath(path.text))
        }
    }
}
