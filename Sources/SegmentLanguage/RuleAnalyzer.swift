/// The semantic checks of ``Rule/analyze(knownEvents:knownAttributes:aliases:)``: walks a parsed
/// condition and records ``RuleDiagnostic``s, each distinct message once.
struct RuleAnalyzer {
    private let rule: Rule
    private let utf8: [UInt8]
    private let knownEvents: Set<String>
    private let knownAttributes: [String: String]
    private let aliases: [String: [String]]
    private var seenMessages: Set<String> = []
    private(set) var diagnostics: [RuleDiagnostic] = []

    init(rule: Rule, knownEvents: Set<String>, knownAttributes: Set<String>, aliases: [String: [String]]) {
        self.rule = rule
        self.utf8 = Array(rule.source.utf8)
        self.knownEvents = knownEvents
        self.knownAttributes = Dictionary(knownAttributes.map { ($0.lowercased(), $0) }) { first, _ in first }
        self.aliases = aliases
    }

    mutating func check(_ condition: Condition) {
        switch condition {
        case .and(let operands), .or(let operands):
            for operand in operands { check(operand) }
        case .not(let operand):
            check(operand)
        case .event(let event):
            check(event)
        case .aggregate(let aggregate):
            checkEventName(aggregate.event)
            if let filter = aggregate.filter { check(filter) }
            check(aggregate.window, range: aggregate.windowRange)
            if aggregate.aggregate == .count {
                checkCount(aggregate.comparison, aggregate.number, range: aggregate.range)
            }
        case .attribute(let attribute):
            checkAttributeName(attribute.attribute, wasUndecided: false)
            if case .value(let test) = attribute.test { check(test, range: attribute.range) }
        case .segment(let reference) where reference.name == rule.name:
            report(.selfReference(reference.name, range: reference.range))
        case .segment:
            break
        case .eventOrAttribute(let undecided):
            if ResolvedRule.isEvent(undecided.name, knownEvents: knownEvents, aliases: aliases) {
                check(undecided.asEvent)
            } else {
                checkAttributeName(undecided.asAttribute.attribute, wasUndecided: true)
            }
        }
    }

    private mutating func check(_ event: EventCondition) {
        checkEventName(event.event)
        if let filter = event.filter { check(filter) }
        if event.count == .atLeast(0) { checkCount(.greaterOrEqual, 0, range: event.range) }
        check(event.window, range: event.windowRange)
        if let sequence = event.sequence {
            checkEventName(sequence.event)
            if let filter = sequence.filter { check(filter) }
            if sequence.within.milliseconds == 0 { report(.zeroSequenceWindow("within 0m", range: event.range)) }
        }
    }

    private mutating func check(_ filter: PropertyFilter) {
        switch filter {
        case .test(let test): check(test.test, range: test.property.range)
        case .and(let operands), .or(let operands): for operand in operands { check(operand) }
        }
    }

    private mutating func check(_ test: ValueTest, range: SourceRange) {
        if case .compare(let comparison, .boolean) = test, comparison.isOrdering {
            report(.booleanOrdering(range: range))
        }
    }

    private mutating func check(_ window: EventWindow, range: SourceRange) {
        switch window {
        case .inLast(let duration) where duration.milliseconds == 0:
            report(.emptyWindow(text(range, or: "in last 0m"), range: range))
        case .between(let recent, let old) where recent >= old:
            report(.emptyBetween(text(range, or: "between \(recent) and \(old) ago"), range: range))
        default:
            break
        }
    }

    /// A count (a whole number of 0 or more) compared with `number`: warns when the result cannot vary.
    private mutating func checkCount(_ comparison: ComparisonOperator, _ number: Double, range: SourceRange) {
        let isWhole = number.rounded() == number
        let constant: Bool? =
            switch comparison {
            case .equal: number < 0 || !isWhole ? false : nil
            case .notEqual: number < 0 || !isWhole ? true : nil
            case .greater: number < 0 ? true : nil
            case .greaterOrEqual: number <= 0 ? true : nil
            case .less: number <= 0 ? false : nil
            case .lessOrEqual: number < 0 ? false : nil
            }
        guard let constant else { return }
        report(
            .constantCount(
                text(range, or: "count \(comparison.rawValue) \(number)"), isAlwaysTrue: constant, range: range))
    }

    private mutating func checkEventName(_ event: EventName) {
        if let names = aliases[event.name] {
            if names.isEmpty {
                report(.emptyAlias(event.name, range: event.range))
            } else if !names.contains(where: knownEvents.contains) {
                report(.unseenAlias(event.name, names: names, range: event.range))
            }
        } else if !knownEvents.contains(event.name) {
            let suggestions = Suggestions.closest(to: event.name, among: knownEvents.union(aliases.keys))
            report(.unknownEvent(event.name, suggestions: suggestions, range: event.range))
        }
    }

    private mutating func checkAttributeName(_ attribute: FieldPath, wasUndecided: Bool) {
        var components = attribute.components
        guard let key = components.first, knownAttributes[key.lowercased()] == nil else { return }
        let suggestions = Suggestions.closest(to: key, among: knownAttributes.values).map { suggestion in
            components[0] = suggestion
            return components.joined(separator: ".")
        }
        if wasUndecided {
            let eventSuggestions = Suggestions.closest(to: attribute.text, among: knownEvents.union(aliases.keys))
            let all = Array(Set(suggestions + eventSuggestions).sorted().prefix(Suggestions.maximumCount))
            report(.unknownEventOrAttribute(attribute.text, suggestions: all, range: attribute.range))
        } else {
            report(.unknownAttribute(attribute.text, suggestions: suggestions, range: attribute.range))
        }
    }

    private mutating func report(_ diagnostic: RuleDiagnostic) {
        if seenMessages.insert(diagnostic.message).inserted { diagnostics.append(diagnostic) }
    }

    /// The source text of `range`, or `fallback` for conditions built in code.
    private func text(_ range: SourceRange, or fallback: String) -> String {
        guard range.lowerBound < range.upperBound, range.upperBound <= utf8.count else { return fallback }
        return String(decoding: utf8[range.lowerBound..<range.upperBound], as: UTF8.self)
    }
}
