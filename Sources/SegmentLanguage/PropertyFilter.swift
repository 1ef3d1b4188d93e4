/// A `where` filter on event properties: one test, or tests joined by AND and OR in parentheses
/// (AND binds tighter than OR).
public indirect enum PropertyFilter: Equatable, Sendable {
    /// `currency = "USD"`.
    case test(PropertyTest)
    /// Every operand holds.
    case and([PropertyFilter])
    /// Some operand holds.
    case or([PropertyFilter])
}

/// `property test`, such as `value > 50` or `products.0.id IN ("a", "b")`.
///
/// The property `value` (any letter case) is the event's value as the shop sent it: its `value` property,
/// else `revenue`, else `total`. Any other property is read from the event's JSON properties.
public struct PropertyTest: Equatable, Sendable {
    public var property: FieldPath
    public var test: ValueTest

    public init(property: FieldPath, test: ValueTest) {
        self.property = property
        self.test = test
    }
}

extension FieldPath {
    /// Whether this property means the event's value column (`value`, any letter case).
    public var isEventValue: Bool { text.lowercased() == "value" }
}
