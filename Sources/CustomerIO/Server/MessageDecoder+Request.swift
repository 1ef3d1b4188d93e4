import Store

extension MessageDecoder {
    /// What a request body must hold, by endpoint.
    enum RequestShape: Sendable, Equatable {
        /// `/v1/batch`: a `{"batch": [...]}` envelope, an array of messages, or one message.
        case batch
        /// `/v1/track` and the other single-message endpoints: one message object, whose `type` the
        /// path implies when the body leaves it out.
        case single(IngestMessage.Kind)
        /// The Data Pipelines Webhook destination: one event, or an array of at most `maximumEvents`.
        case webhook(maximumEvents: Int)
    }

    /// A request body that is refused whole: the answer, and the rejection to keep when the body is
    /// text that could not be read as messages (so bad input is never dropped silently).
    struct RequestFailure: Error {
        var error: IngestHTTPError
        var rejection: Rejection?
    }

    /// Decodes a request body into items: each message decoded on its own, a message over
    /// `maximumMessageBytes` rejected with its reason while the others go on.
    ///
    /// - Throws: ``RequestFailure`` when the body is not UTF-8 JSON, or not of the shape the endpoint takes.
    func decodeRequest(
        _ bytes: UnsafeBufferPointer<UInt8>, shape: RequestShape, maximumMessageBytes: Int
    ) throws(RequestFailure) -> [IngestItem] {
        guard Self.isValidUTF8(bytes) else {
            throw RequestFailure(
                error: .invalidJSON("the body is not valid UTF-8"),
                rejection: reject("the body is not valid UTF-8", line: nil, raw: bytes))
        }
        let root: JSONScanner.Value
        do {
            root = try JSONScanner.validateDocument(bytes)
        } catch {
            let reason = "bad JSON at byte \(error.offset + 1): expected \(error.expected)"
            throw RequestFailure(error: .invalidJSON(reason), rejection: reject(reason, line: nil, raw: bytes))
        }
        let scanner = JSONScanner(bytes)
        let found = messages(of: root, in: scanner)
        if case .single(let kind) = shape {
            guard case .success(let list) = found, list.form == .one else { throw Self.notOneMessage(kind) }
        }
        let list: MessageList
        switch found {
        case .success(let value): list = value
        case .failure(let problem): throw RequestFailure(error: .invalidRequest(problem.reason), rejection: nil)
        }
        let (messages, envelope) = (list.messages, list.envelope)
        if case .webhook(let maximum) = shape, messages.count > maximum {
            throw RequestFailure(
                error: IngestHTTPError(
                    status: 400, code: "too_many_events",
                    message: "the request holds \(messages.count) events; the limit is \(maximum)"),
                rejection: nil)
        }
        var items: [IngestItem] = []
        items.reserveCapacity(messages.count)
        for message in messages {
            if message.range.count > maximumMessageBytes {
                items.append(.rejected(oversize(message, in: scanner, limit: maximumMessageBytes)))
            } else if case .single(let kind) = shape {
                items.append(decodeSingle(message, kind: kind, in: scanner))
            } else {
                items.append(decodeMessage(message, in: scanner, envelope: envelope, line: nil))
            }
        }
        return items
    }

    private static func notOneMessage(_ kind: IngestMessage.Kind) -> RequestFailure {
        RequestFailure(
            error: .invalidRequest("/v1/\(kind.rawValue) takes one message object; send batches to /v1/batch"),
            rejection: nil)
    }

    /// A single-message endpoint's message, its type taken from the path when the body has none.
    private func decodeSingle(
        _ message: JSONScanner.Value, kind: IngestMessage.Kind, in scanner: JSONScanner
    )
        -> IngestItem
    {
        var type: String?
        var messageId: String?
        scanner.forEachMember(of: message) { key, value in
            if key == "type" { type = scanner.string(value) ?? "" }
            if key == "messageId" { messageId = scanner.string(value) }
        }
        if let type {
            guard type.lowercased() == kind.rawValue else {
                return .rejected(
                    reject(
                        "the message's type \"\(type.prefix(40))\" does not match the endpoint "
                            + "/v1/\(kind.rawValue)", line: nil, raw: scanner.slice(message), messageId: messageId))
            }
            return decodeMessage(message, in: scanner, envelope: Envelope(), line: nil)
        }
        // Put the type in front of the other members and decode that text instead.
        var text = Array("{\"type\":\"\(kind.rawValue)\"".utf8)
        let raw = scanner.slice(message)
        let rest = raw.dropFirst().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if rest.first != 0x7D { text.append(0x2C) }
        text.append(contentsOf: rest)
        var items: [IngestItem] = []
        text.withUnsafeBufferPointer { decode($0, line: nil, into: &items) }
        return items.first ?? .rejected(reject("the message could not be read", line: nil, raw: raw))
    }

    private func oversize(_ message: JSONScanner.Value, in scanner: JSONScanner, limit: Int) -> Rejection {
        var messageId: String?
        if message.kind == .object {
            scanner.forEachMember(of: message) { key, value in
                if key == "messageId" { messageId = scanner.string(value) }
            }
        }
        return reject(
            "the message is \(message.range.count) bytes; a message may have at most \(limit) bytes",
            line: nil, raw: scanner.slice(message), messageId: messageId)
    }
}
