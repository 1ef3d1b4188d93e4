import Store

/// The store's bound value type. Both `Store` and `SegmentLanguage` define an `SQLValue`, and `Store` is
/// also the name of a class, so `Store.SQLValue` cannot be written where both modules are imported.
typealias StoreValue = SQLValue
