import Store

/// The event names and attribute keys a store has seen: what decides whether a bare word in a rule is an
/// event or an attribute, and what "did you mean" suggestions are drawn from.
public struct StoreVocabulary: Sendable, Equatable {
    /// Every event name the store has seen.
    public var events: Set<String>
    /// Every attribute key the store has seen, lowercased.
    public var attributes: Set<String>

    public init(events: Set<String> = [], attributes: Set<String> = []) {
        self.events = events
        self.attributes = attributes
    }

    /// What `store` has seen so far (an index seek per distinct name; see ``Store/knownEventNames()``).
    public init(store: any InspectionStore) throws {
        events = try store.knownEventNames()
        attributes = try store.knownAttributeKeys()
    }
}
