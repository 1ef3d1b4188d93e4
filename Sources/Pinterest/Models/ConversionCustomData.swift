/// An event's `custom_data`: value, currency, order and products, keyed as the spec says.
///
/// Money is a string (`"72.39"`): the spec takes `value` and `item_price` as strings and parses them itself.
/// Fields left `nil` are omitted. The spec rejects unknown keys here too.
public struct ConversionCustomData: Sendable, Hashable, Codable {
    /// ISO-4217 currency code, `USD`.
    public var currency: String?
    /// The event's total value, pre-tax and pre-shipping, as a decimal string.
    public var value: String?
    /// The order id; Pinterest uses it to deduplicate purchases.
    public var orderID: String?
    /// Product ids.
    public var contentIDs: [String]?
    /// Products with price and quantity.
    public var contents: [ConversionContent]?
    /// Total number of items.
    public var numItems: Int64?
    /// Page or product name.
    public var contentName: String?
    /// Product category.
    public var contentCategory: String?
    /// Product brand.
    public var contentBrand: String?
    /// The search string, for search events.
    public var searchString: String?
    /// Predicted lifetime value, as a decimal string.
    public var predictedLTV: String?
    /// Privacy opt-out flags, comma-separated (`LDP`).
    public var optOutType: String?

    /// Creates custom data.
    public init(
        currency: String? = nil, value: String? = nil, orderID: String? = nil, contentIDs: [String]? = nil,
        contents: [ConversionContent]? = nil, numItems: Int64? = nil, contentName: String? = nil,
        contentCategory: String? = nil, contentBrand: String? = nil, searchString: String? = nil,
        predictedLTV: String? = nil, optOutType: String? = nil
    ) {
        self.currency = currency
        self.value = value
        self.orderID = orderID
        self.contentIDs = contentIDs
        self.contents = contents
        self.numItems = numItems
        self.contentName = contentName
        self.contentCategory = contentCategory
        self.contentBrand = contentBrand
        self.searchString = searchString
        self.predictedLTV = predictedLTV
        self.optOutType = optOutType
    }

    enum CodingKeys: String, CodingKey {
        case currency, value, contents
        case orderID = "order_id"
        case contentIDs = "content_ids"
        case numItems = "num_items"
        case contentName = "content_name"
        case contentCategory = "content_category"
        case contentBrand = "content_brand"
        case searchString = "search_string"
        case predictedLTV = "predicted_ltv"
        case optOutType = "opt_out_type"
    }
}

/// One product of `custom_data.contents`.
public struct ConversionContent: Sendable, Hashable, Codable {
    /// The product id.
    public var id: String?
    /// The unit price before discount, as a decimal string.
    public var itemPrice: String?
    /// How many.
    public var quantity: Int64?
    /// The product's name.
    public var itemName: String?
    /// The product's category.
    public var itemCategory: String?
    /// The product's brand.
    public var itemBrand: String?

    /// Creates a product line.
    public init(
        id: String? = nil, itemPrice: String? = nil, quantity: Int64? = nil, itemName: String? = nil,
        itemCategory: String? = nil, itemBrand: String? = nil
    ) {
        self.id = id
        self.itemPrice = itemPrice
        self.quantity = quantity
        self.itemName = itemName
        self.itemCategory = itemCategory
        self.itemBrand = itemBrand
    }

    enum CodingKeys: String, CodingKey {
        case id, quantity
        case itemPrice = "item_price"
        case itemName = "item_name"
        case itemCategory = "item_category"
        case itemBrand = "item_brand"
    }
}
