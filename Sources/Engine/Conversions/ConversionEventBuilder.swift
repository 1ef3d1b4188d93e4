import Foundation
import Pinterest
import Store

/// Turns one stored event into the conversion event the spec wants, or says which check stops it.
///
/// - `event_time`: the event's timestamp in whole seconds.
/// - `event_id`: the configured property when the event has it, else `order_id` for purchases (`checkout`),
///   else the messageId: the same on every resend, so that Pinterest deduplicates.
/// - `action_source`: from the context (an app's device or library, else a page or user agent means web),
///   else the configured default.
/// - `user_data`: the person's hashes (see ``ConversionPeople``), with the event's IP address, user agent,
///   mobile ad id (hashed) and click id.
/// - `custom_data`: `value` (the event's `value` property, else `revenue`, else `total`) and `item_price` as
///   decimal strings, `currency`, `order_id`, `content_ids`, `contents`, `num_items`.
///
/// ```swift
/// let builder = ConversionEventBuilder(configuration: .standard, allowIncompletePurchases: false, now: now)
/// let decision = builder.decide(stored, as: .checkout, person: hashes)
/// ```
struct ConversionEventBuilder: Sendable {
    let configuration: ConversionsConfiguration
    let allowIncompletePurchases: Bool
    /// The wall clock, milliseconds: events older than the accepted age before it are `too_old`.
    let now: Int64

    /// Checks and builds `event`, mapped to `conversion`, for a person whose hashed fields are `person`.
    func decide(_ event: ConversionSourceEvent, as conversion: ConversionEventName, person: ConversionUserData)
        -> ConversionDecision
    {
        let properties = ConversionJSON(parsing: event.properties)
        let pinterestID = eventID(event, as: conversion, properties: properties)
        let product = conversion == .addToCart ? Self.product(properties) : nil
        func stop(_ check: ConversionCheck) -> ConversionDecision {
            ConversionDecision(
                pinterestID: pinterestID, conversion: conversion, product: product, verdict: .stop(check)
            )
        }
        if isTooOld(event) { return stop(.tooOld) }

        let context = event.context.map { ConversionContext(ConversionJSON(parsing: $0)) } ?? ConversionContext()
        var userData = person
        userData.clientIPAddress = context.ipAddress
        userData.clientUserAgent = context.userAgent
        userData.clickID = context.clickID
        if let advertisingID = context.advertisingID,
            let hash = PinterestHashing.hashed(advertisingID, normalizedBy: Identifiers.normalizedMobileAdID)
        {
            userData.hashedMaids = [hash]
        }
        guard userData.isMatchable else { return stop(.unmatchable) }

        let value = event.value.flatMap(ConversionMoney.text)
        let currency = event.currency.flatMap(Self.currency)
        let orderID = event.orderID.flatMap { $0.isEmpty ? nil : $0 }
        let incomplete = conversion == .checkout && (orderID == nil || value == nil || currency == nil)
        if incomplete && !allowIncompletePurchases { return stop(.incompletePurchase) }

        let source = context.actionSource(default: configuration.defaultActionSource)
        var result = ConversionEvent(
            eventName: conversion, actionSource: source, eventTime: Self.seconds(event.timestamp),
            eventID: pinterestID, userData: userData,
            customData: customData(properties, conversion: conversion, value: value, currency: currency,
                                   orderID: orderID),
            eventSourceURL: source == .web ? context.pageURL : nil, language: context.language
        )
        if source == .appIOS || source == .appAndroid {
            result.appName = context.appName
            result.appVersion = context.appVersion
            result.deviceBrand = context.deviceBrand
            result.deviceModel = context.deviceModel
            result.deviceCarrier = context.carrier
            result.osVersion = context.osVersion
            result.wifi = context.wifi
            if context.adTrackingEnabled == false { result.optOut = true }
        }
        return ConversionDecision(
            pinterestID: pinterestID, conversion: conversion, product: product,
            verdict: .send(warning: incomplete ? .incompletePurchase : nil), event: result
        )
    }

    /// Whether the event is older than the accepted age.
    func isTooOld(_ event: ConversionSourceEvent) -> Bool {
        event.timestamp < now - configuration.maxAgeMillis
    }

    /// The decision for an event older than the accepted age: nothing else checked, nothing built.
    func tooOld(_ event: ConversionSourceEvent, as conversion: ConversionEventName) -> ConversionDecision {
        let properties = ConversionJSON(parsing: event.properties)
        return ConversionDecision(
            pinterestID: eventID(event, as: conversion, properties: properties), conversion: conversion,
            product: conversion == .addToCart ? Self.product(properties) : nil, verdict: .stop(.tooOld)
        )
    }

    /// The decision for a repeated Add to Cart collapsed into `kept`: no checks, nothing built.
    func collapse(_ event: ConversionSourceEvent, as conversion: ConversionEventName, into kept: Int64)
        -> ConversionDecision
    {
        let properties = ConversionJSON(parsing: event.properties)
        return ConversionDecision(
            pinterestID: eventID(event, as: conversion, properties: properties), conversion: conversion,
            product: conversion == .addToCart ? Self.product(properties) : nil, verdict: .collapse(into: kept)
        )
    }

    /// An Add to Cart's product: `product_id`, else `sku` (as the store's collapse query reads it).
    static func product(_ properties: ConversionJSON) -> String? {
        properties["product_id"]?.text ?? properties["sku"]?.text
    }

    /// The configured property, else `order_id` for purchases, else the messageId.
    func eventID(_ event: ConversionSourceEvent, as conversion: ConversionEventName, properties: ConversionJSON)
        -> String
    {
        if let property = configuration.eventIDProperty, let id = properties[property]?.text { return id }
        if conversion == .checkout, let order = event.orderID, !order.isEmpty { return order }
        return event.messageID
    }

    /// Value, currency, order and products; `nil` when there is nothing to say.
    func customData(
        _ properties: ConversionJSON, conversion: ConversionEventName, value: String?, currency: String?,
        orderID: String?
    ) -> ConversionCustomData? {
        let products = ConversionProducts(properties)
        var data = ConversionCustomData(
            currency: currency, value: value, orderID: orderID,
            contentIDs: products.contentIDs.isEmpty ? nil : products.contentIDs,
            contents: products.contents.isEmpty ? nil : products.contents, numItems: products.numItems,
            contentName: products.contentName, contentCategory: products.contentCategory,
            contentBrand: products.contentBrand
        )
        if conversion == .search { data.searchString = properties["query"]?.text }
        return data == ConversionCustomData() ? nil : data
    }

    /// Whole seconds, rounded down.
    static func seconds(_ millis: Int64) -> Int64 {
        millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000)
    }

    /// An ISO-4217 code, uppercased; `nil` unless three letters (surrounding spaces allowed).
    static func currency(_ text: String) -> String? {
        let utf8 = text.utf8
        if utf8.count == 3, utf8.allSatisfy({ (0x41...0x5A).contains($0) }) { return text }
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        return code.utf8.count == 3 && code.utf8.allSatisfy { (0x41...0x5A).contains($0) } ? code : nil
    }
}
