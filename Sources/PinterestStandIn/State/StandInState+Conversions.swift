import Foundation

/// `POST /ad_accounts/{id}/events`: per-event checks, per-event statuses, 422 when any event failed.
extension StandInState {
    static let eventNames: Set = [
        "add_payment_info", "add_to_cart", "add_to_wishlist", "app_install", "checkout", "custom",
        "initiate_checkout", "lead", "page_visit", "search", "signup", "subscribe", "view_category",
        "view_content", "watch_video",
    ]
    static let actionSources: Set = ["app_android", "app_ios", "web", "offline"]
    static let eventKeys: Set = [
        "action_source", "app_id", "app_info", "app_name", "app_version", "custom_data", "device_brand",
        "device_carrier", "device_info", "device_model", "device_type", "event_id", "event_name",
        "event_source_url", "event_time", "language", "opt_out", "os_version", "partner_name", "user_data", "wifi",
    ]
    static let nullableEventStrings = [
        "app_id", "app_name", "app_version", "device_brand", "device_carrier", "device_model", "device_type",
        "event_source_url", "language", "os_version", "partner_name",
    ]

    func sendEvents(account: String, query: [String: String], body: Data) throws -> StandInReply {
        let isTest: Bool
        switch query["test"] {
        case nil, "false": isTest = false
        case "true": isTest = true
        case let other?: throw StandInReplyError(Self.invalidEvents("'test' must be true or false, not \(other)"))
        }
        guard let value = JSONValue.parse(body), let object = value.objectValue else {
            throw StandInReplyError(Self.invalidEvents("body must be a JSON object"))
        }
        if let unknown = object.keys.sorted().first(where: { $0 != "data" }) {
            throw StandInReplyError(Self.invalidEvents("'\(unknown)' is not allowed; the body holds 'data' only"))
        }
        guard let data = object["data"]?.arrayValue else {
            throw StandInReplyError(Self.invalidEvents("'data' is a required array"))
        }
        guard (1...1000).contains(data.count) else {
            throw StandInReplyError(Self.invalidEvents("'data' holds \(data.count) events; 1 to 1000 are allowed"))
        }

        var statuses: [JSONValue] = []
        var processed = 0
        for event in data {
            if let problem = problem(with: event) {
                statuses.append(
                    .object(["status": .string("failed"), "error_message": .string(problem), "warning_message": .null])
                )
                continue
            }
            processed += 1
            statuses.append(.object(["status": .string("processed"), "error_message": .null, "warning_message": .null]))
            if !isTest, let fields = event.objectValue {
                events.append(
                    ReceivedConversionEvent(
                        adAccountID: account, eventID: fields["event_id"]?.stringValue ?? "",
                        eventName: fields["event_name"]?.stringValue ?? "",
                        eventTime: fields["event_time"]?.integerValue ?? 0, value: event
                    )
                )
            }
        }
        let answer = JSONValue.object([
            "num_events_received": .integer(Int64(data.count)),
            "num_events_processed": .integer(Int64(processed)),
            "events": .array(statuses),
        ])
        guard processed < data.count else { return .ok(answer) }
        return StandInReply(
            status: 422,
            body: .object([
                "code": .integer(422), "message": .string("Not all events were successfully processed."),
                "details": answer,
            ])
        )
    }

    /// Why Pinterest would fail this event, or `nil` when it would process it.
    func problem(with event: JSONValue) -> String? {
        guard let fields = event.objectValue else { return "event must be an object, not \(event.typeName)" }
        if let unknown = fields.keys.sorted().first(where: { !Self.eventKeys.contains($0) }) {
            return "'\(unknown)' is not a conversion event field"
        }
        for key in ["event_name", "action_source", "event_time", "event_id", "user_data"] where fields[key] == nil {
            return "'\(key)' is a required property"
        }
        guard let name = fields["event_name"]?.stringValue, Self.eventNames.contains(name) else {
            return "'event_name' is not one of Pinterest's event names"
        }
        guard let source = fields["action_source"]?.stringValue, Self.actionSources.contains(source) else {
            return "'action_source' must be one of \(Self.actionSources.sorted())"
        }
        guard let eventID = fields["event_id"]?.stringValue, !eventID.isEmpty else {
            return "'event_id' must be a non-empty string"
        }
        guard let time = fields["event_time"]?.integerValue else { return "'event_time' must be an integer" }
        let now = nowSeconds
        if time < now - configuration.maxEventAge.components.seconds { return "'event_time' is too old" }
        if time > now + configuration.maxEventFutureSkew.components.seconds { return "'event_time' is in the future" }
        for key in Self.nullableEventStrings {
            if let value = fields[key], value != .null, value.stringValue == nil { return "'\(key)' must be a string" }
        }
        for key in ["opt_out", "wifi"] {
            guard let value = fields[key] else { continue }
            if case .bool = value { continue }
            return "'\(key)' must be a boolean"
        }
        if let problem = userDataProblem(fields["user_data"]) { return problem }
        if let custom = fields["custom_data"], let problem = customDataProblem(custom) { return problem }
        return nil
    }
}
