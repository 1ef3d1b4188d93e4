import Store

extension MessageDecoder {
    /// The fields of one message that the store uses, gathered in one pass.
    private struct Fields {
        var type: String?
        var messageId: String?
        var userId: String?
        var anonymousId: String?
        var previousId: String?
        var groupId: String?
        var event: String?
        var name: String?
        var category: String?
        var timestamp: JSONScanner.Value?
        var originalTimestamp: JSONScanner.Value?
        var sentAt: String?
        var properties: JSONScanner.Value?
        var traits: JSONScanner.Value?
        var context: JSONScanner.Value?
        var badField: String?
    }

    func decodeMessage(_ value: JSONScanner.Value, in scanner: JSONScanner, envelope: Envelope, line: Int?) -> IngestItem {
        let raw = scanner.slice(value)
        guard value.kind == .object else {
            return .rejected(reject("a message must be a JSON object", line: line, raw: raw))
        }
        var fields = Fields()
        scanner.forEachMember(of: value) { key, member in
            func identifier() -> String? {
                switch member.kind {
                case .string: return scanner.string(member).flatMap { $0.isEmpty ? nil : $0 }
                case .number: return scanner.text(member)
                case .null: return nil
                default:
                    fields.badField = key
                    return nil
                }
            }
            switch key {
            case "type": fields.type = scanner.string(member)
            case "messageId": fields.messageId = identifier()
            case "userId": fields.userId = identifier()
            case "anonymousId": fields.anonymousId = identifier()
            case "previousId": fields.previousId = identifier()
            case "groupId": fields.groupId = identifier()
            case "event": fields.event = scanner.string(member)
            case "name": fields.name = scanner.string(member)
            case "category": fields.category = scanner.string(member)
            case "timestamp": fields.timestamp = member
            case "originalTimestamp": fields.originalTimestamp = member
            case "sentAt": fields.sentAt = scanner.string(member)
            case "properties": fields.properties = member
            case "traits": fields.traits = member
            case "context": fields.context = member
            default: break
            }
        }
        let messageId = fields.messageId
        func rejected(_ reason: String) -> IngestItem {
            .rejected(reject(reason, line: line, raw: raw, messageId: messageId))
        }
        if let badField = fields.badField {
            return rejected("\"\(badField)\" must be a string, a number or null")
        }
        guard let typeName = fields.type else { return rejected("the message has no \"type\"") }
        guard let kind = IngestMessage.Kind(rawValue: typeName.lowercased()) else {
            return rejected("unknown message type \"\(typeName.prefix(40))\": expected identify, track, page, screen, "
                + "group or alias")
        }
        if kind == .alias {
            guard fields.userId != nil, fields.previousId != nil else {
                return rejected("an alias needs both \"userId\" and \"previousId\"")
            }
        } else if fields.userId == nil && fields.anonymousId == nil {
            return rejected("the message has neither \"userId\" nor \"anonymousId\"")
        }
        if kind == .track && (fields.event ?? "").isEmpty {
            return rejected("a track message needs an \"event\" name")
        }
        for (name, value) in [("properties", fields.properties), ("traits", fields.traits), ("context", fields.context)] {
            if let value, value.kind != .object && value.kind != .null {
                return rejected("\"\(name)\" must be an object")
            }
        }

        let timestamp: Int64
        switch resolveTimestamp(fields.timestamp ?? fields.originalTimestamp, in: scanner) {
        case .success(let value): timestamp = value
        case .failure(let reason): return rejected(reason)
        }
        var corrected = timestamp
        if correctsClockSkew, let receivedAt, let sentAtText = fields.sentAt ?? envelope.sentAt,
            let sentAt = Timestamp.parseISO8601(sentAtText)
        {
            corrected = receivedAt - (sentAt - timestamp)
        }

        var message = IngestMessage(
            kind: kind,
            messageId: messageId ?? Self.derivedMessageId(raw),
            userId: fields.userId, anonymousId: fields.anonymousId, previousId: fields.previousId,
            timestamp: corrected, receivedAt: receivedAt)
        message.context = (fields.context ?? envelope.context).flatMap { $0.kind == .object ? scanner.text($0) : nil }
        switch kind {
        case .identify:
            if let traits = fields.traits, traits.kind == .object { message.traits = decodeTraits(traits, in: scanner) }
        case .track, .page, .screen:
            message.eventName = kind == .track ? fields.event : kind.rawValue
            let properties = fields.properties.flatMap { $0.kind == .object ? $0 : nil }
            if let properties { extractCommerce(from: properties, in: scanner, into: &message) }
            var text = properties.map(scanner.text) ?? "{}"
            if kind != .track {
                text = Self.adding(["name": fields.name, "category": fields.category], to: text, properties, scanner)
            }
            message.properties = text
        case .group:
            message.eventName = "group"
            var text = "{\"groupId\":" + JSONText.quoted(fields.groupId ?? "")
            if let traits = fields.traits, traits.kind == .object { text += ",\"traits\":" + scanner.text(traits) }
            message.properties = text + "}"
        case .alias:
            break
        }
        return .message(message)
    }

    private enum TimestampResult {
        case success(Int64)
        case failure(String)
    }

    private func resolveTimestamp(_ value: JSONScanner.Value?, in scanner: JSONScanner) -> TimestampResult {
        guard let value, value.kind != .null else {
            if let receivedAt { return .success(receivedAt) }
            return .failure("the message has no \"timestamp\"")
        }
        if value.kind == .string, let millis = Timestamp.parseISO8601(bytes: scanner.slice(value).dropQuotes()) {
            return .success(millis)
        }
        if value.kind == .number, let seconds = scanner.number(value), let millis = NumericText.millis(fromSeconds: seconds) {
            return .success(millis)
        }
        return .failure("the timestamp \(scanner.text(value).prefix(60)) does not parse: expected ISO-8601 such as "
            + "2026-11-20T14:30:05.123Z")
    }

    private func decodeTraits(_ traits: JSONScanner.Value, in scanner: JSONScanner) -> [Trait] {
        var result: [Trait] = []
        scanner.forEachMember(of: traits) { key, value in
            var trait = Trait(key: key, json: value.kind == .null ? nil : scanner.text(value))
            switch value.kind {
            case .number:
                trait.number = scanner.number(value)
                trait.timeMillis = trait.number.flatMap(NumericText.millis(fromSeconds:))
            case .string:
                let string = scanner.string(value) ?? ""
                trait.string = string
                trait.number = NumericText.parse(string)
                trait.timeMillis = Timestamp.parseISO8601(string)
            default:
                break
            }
            result.append(trait)
        }
        return result
    }

    /// Pulls value (`value`, else `revenue`, else `total`), currency and order id out of properties.
    private func extractCommerce(from properties: JSONScanner.Value, in scanner: JSONScanner,
                                 into message: inout IngestMessage) {
        var value: Double?, revenue: Double?, total: Double?
        scanner.forEachMember(of: properties) { key, member in
            func number() -> Double? {
                member.kind == .number ? scanner.number(member) : scanner.string(member).flatMap(NumericText.parse)
            }
            switch key {
            case "value": value = number()
            case "revenue": revenue = number()
            case "total": total = number()
            case "currency": message.currency = scanner.string(member)
            case "order_id", "orderId":
                if message.orderId == nil || key == "order_id" {
                    message.orderId = member.kind == .number ? scanner.text(member) : scanner.string(member)
                }
            default: break
            }
        }
        message.value = value ?? revenue ?? total
    }

    /// Properties text with `extra` keys added in front, unless the object already has them.
    static func adding(_ extra: [String: String?], to text: String, _ object: JSONScanner.Value?,
                       _ scanner: JSONScanner) -> String {
        var existing: Set<String> = []
        if let object { scanner.forEachMember(of: object) { key, _ in existing.insert(key) } }
        let additions = extra.keys.sorted().compactMap { key -> String? in
            guard let value = extra[key] ?? nil, !existing.contains(key) else { return nil }
            return JSONText.quoted(key) + ":" + JSONText.quoted(value)
        }
        guard !additions.isEmpty else { return text }
        let body = text.drop { $0 != "{" }.dropFirst()
        let rest = body.trimmingPrefix(while: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        return "{" + additions.joined(separator: ",") + (rest.first == "}" ? "" : ",") + rest
    }

    /// A stable id for a message sent without `messageId`: the same line gives the same id.
    static func derivedMessageId(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in raw {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x100_0000_01b3 &+ 0x9e37_79b9
        }
        return "derived-" + String(hash, radix: 16) + String(second, radix: 16)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes inside a JSON string's quotes (escapes are not expected in timestamps).
    fileprivate func dropQuotes() -> UnsafeBufferPointer<UInt8> {
        count >= 2 ? UnsafeBufferPointer(rebasing: self[1..<(count - 1)]) : self
    }
}

