import Pinterest

/// The products of an event, read from its properties the way the e-commerce event specs write them, in the
/// terms of `custom_data`: `content_ids`, `contents` and `num_items`.
///
/// An order (`products: [{product_id, sku, price, quantity, name, category, brand}, ...]`) gives one content
/// per product; a single-product event (`product_id` or `sku` at the top, with `price`, `quantity`...) gives
/// one content and also names it (`content_name`, `content_category`, `content_brand`).
///
/// ```swift
/// let products = ConversionProducts(ConversionJSON(parsing: #"{"product_id": "sku-1", "price": 14.99}"#))
/// products.contents   // [ConversionContent(id: "sku-1", itemPrice: "14.99")]
/// ```
struct ConversionProducts: Sendable, Equatable {
    /// One per product, in order.
    var contents: [ConversionContent] = []
    /// The ids of the products that have one, in order.
    var contentIDs: [String] = []
    /// The products' quantities added up (a product without one counts once); `nil` without products.
    var numItems: Int64?
    /// A single product's name.
    var contentName: String?
    /// A single product's category.
    var contentCategory: String?
    /// A single product's brand.
    var contentBrand: String?

    /// Reads the products of an event's properties.
    init(_ properties: ConversionJSON) {
        if let products = properties["products"]?.elements {
            for product in products {
                if let content = Self.content(product, idKeys: ["product_id", "sku", "id"]) { contents.append(content) }
            }
        } else if let content = Self.content(properties, idKeys: ["product_id", "sku"]) {
            contents = [content]
            contentName = properties["name"]?.text
            contentCategory = properties["category"]?.text
            contentBrand = properties["brand"]?.text
        }
        contentIDs = contents.compactMap(\.id)
        if !contents.isEmpty {
            numItems = contents.reduce(0) { $0 + max($1.quantity ?? 1, 0) }
        }
    }

    /// A product object as a content; `nil` when it has neither an id nor a price.
    static func content(_ product: ConversionJSON, idKeys: [String]) -> ConversionContent? {
        let id = idKeys.lazy.compactMap { product[$0]?.text }.first
        let price = product["price"].flatMap(ConversionMoney.text(of:))
        guard id != nil || price != nil else { return nil }
        return ConversionContent(
            id: id, itemPrice: price, quantity: product["quantity"].flatMap(Self.count),
            itemName: product["name"]?.text, itemCategory: product["category"]?.text,
            itemBrand: product["brand"]?.text
        )
    }

    /// A whole number, written as a number or in a string; `nil` for fractions and anything else.
    static func count(_ value: ConversionJSON) -> Int64? {
        guard let number = value.double, number.rounded() == number, abs(number) < 1e15 else { return nil }
        return Int64(number)
    }
}
