/// One page of a Pinterest listing (`Paginated`): the items, and a `bookmark` for the next page when there is one.
public struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    /// The items of this page.
    public var items: [Item]
    /// The cursor for the next page; `nil` (or absent) on the last page.
    public var bookmark: String?

    /// Creates a page.
    public init(items: [Item], bookmark: String?) {
        self.items = items
        self.bookmark = bookmark
    }
}

extension KeyedDecodingContainer {
    /// Decodes a JSON number that the spec calls `number` but means as an integer (`created_time: 1452208622`),
    /// accepting `1452208622.0` too. `null` and absence give `nil`.
    func decodeLossyIntegerIfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let integer = try? decode(Int64.self, forKey: key) { return integer }
        let number = try decode(Double.self, forKey: key)
        guard number.isFinite, abs(number) < 9.0e18 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "number out of range")
        }
        return Int64(number.rounded())
    }
}
