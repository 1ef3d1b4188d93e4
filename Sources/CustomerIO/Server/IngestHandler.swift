import HTTPTypes
import Hummingbird
import Logging
import Store

/// Answers the Data Pipelines endpoints: authenticates, reads and decodes the body, hands the
/// messages to the writer, and answers `200 {}` once they are committed.
struct IngestHandler: Sendable {
    let keys: WriteKeys
    let signature: WebhookSignature?
    let limits: IngestLimits
    let writer: IngestWriter
    let metrics: IngestMetrics
    let clock: @Sendable () -> Int64

    /// The answer to a request on a `/v1/` endpoint.
    func ingest(_ request: Request, shape: MessageDecoder.RequestShape, logger: Logger) async -> Response {
        let receivedAt = clock()
        let source = request.uri.path
        do throws(IngestHTTPError) {
            try keys.authenticate(request.headers[.authorization])
            let limit: Int = if case .single = shape { limits.messageBytes } else { limits.batchBytes }
            let what = if case .single = shape { "message" } else { "batch" }
            let body = try await reader.read(request, limit: limit, what: what)
            let decoder = MessageDecoder(source: source, receivedAt: receivedAt, correctsClockSkew: true)
            return try await store(body.json, decoder: decoder, shape: shape, strict: isStrict(request), logger: logger)
        } catch {
            return refuse(error, logger: logger)
        }
    }

    /// The answer to `POST /webhooks/customerio`: signed with the shared secret when one is set,
    /// else authenticated by write key. Event times are taken as sent: Data Pipelines has already
    /// corrected them for the source's clock.
    func webhook(_ request: Request, logger: Logger) async -> Response {
        let receivedAt = clock()
        do throws(IngestHTTPError) {
            if signature == nil { try keys.authenticate(request.headers[.authorization]) }
            let body = try await reader.read(request, limit: limits.webhookBytes, what: "webhook body")
            if let signature, !signature.isValid(request.headers[Self.signatureField], for: body.wire) {
                throw IngestHTTPError(
                    status: 401, code: "invalid_signature",
                    message: "X-Signature is missing or is not the HMAC-SHA1 of the body")
            }
            let decoder = MessageDecoder(source: request.uri.path, receivedAt: receivedAt, correctsClockSkew: false)
            return try await store(
                body.json, decoder: decoder, shape: .webhook(maximumEvents: limits.webhookEvents),
                strict: isStrict(request), logger: logger)
        } catch {
            return refuse(error, logger: logger)
        }
    }

    /// The error's answer, logged by code only (messages can name what a body held).
    private func refuse(_ error: IngestHTTPError, logger: Logger) -> Response {
        logger.info(
            "ingest.request.refused", metadata: ["ingest.status": "\(error.status)", "ingest.code": "\(error.code)"])
        return error.response()
    }

    private var reader: RequestBodyReader { RequestBodyReader(timeout: limits.bodyTimeout) }

    private func isStrict(_ request: Request) -> Bool {
        let value = request.headers[Self.strictModeField]?.trimmingCharacters(in: .whitespaces).lowercased()
        return value == "1" || value == "true"
    }

    /// Decodes and stores a body; the answer once committed.
    private func store(
        _ json: [UInt8], decoder: MessageDecoder, shape: MessageDecoder.RequestShape, strict: Bool, logger: Logger
    ) async throws(IngestHTTPError) -> Response {
        let decoded = json.withUnsafeBufferPointer { bytes in
            Result { () throws(MessageDecoder.RequestFailure) in
                try decoder.decodeRequest(bytes, shape: shape, maximumMessageBytes: limits.messageBytes)
            }
        }
        let items: [IngestItem]
        switch decoded {
        case .success(let decodedItems):
            items = decodedItems
        case .failure(let failure):
            if let rejection = failure.rejection {
                let counts = try await writer.submit([.rejected(rejection)])
                metrics.record(received: 1, counts: counts)
            }
            throw failure.error
        }
        if strict {
            let refused = items.enumerated().compactMap { index, item -> RejectedMessage? in
                guard case .rejected(let rejection) = item else { return nil }
                return RejectedMessage(index: index, messageId: rejection.messageId, reason: rejection.reason)
            }
            if !refused.isEmpty {
                metrics.record(received: items.count, counts: IngestCounts(), refused: refused.count)
                throw IngestHTTPError(
                    status: 400, code: "invalid_messages",
                    message: "\(refused.count) of \(items.count) messages are invalid and nothing was stored: "
                        + refused.prefix(5).map { "#\($0.index) \($0.reason)" }.joined(separator: "; "),
                    rejected: refused)
            }
        }
        let counts = try await writer.submit(items)
        metrics.record(received: items.count, counts: counts)
        logger.debug(
            "ingest.request.stored",
            metadata: [
                "ingest.messages": "\(counts.read)", "ingest.stored": "\(counts.stored)",
                "ingest.duplicates": "\(counts.duplicates)", "ingest.rejected": "\(counts.rejected)",
            ])
        return Self.success
    }

    /// Exactly `200` with `{}`: what the clients take as success.
    static var success: Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
    }

    static let signatureField = fieldName("X-Signature")
    static let strictModeField = fieldName("X-Strict-Mode")

    private static func fieldName(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("\(name) is not a header field name") }
        return field
    }
}
