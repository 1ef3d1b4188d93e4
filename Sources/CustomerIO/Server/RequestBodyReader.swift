import Hummingbird

/// Reads a request body whole, within a size limit and a deadline, and gunzips it when the
/// request says `Content-Encoding: gzip`.
struct RequestBodyReader: Sendable {
    /// How long the whole body may take to arrive.
    var timeout: Duration

    /// The body as sent (`wire`, which webhook signatures cover) and decoded (`json`).
    struct Body: Sendable {
        var wire: [UInt8]
        var json: [UInt8]
    }

    /// Reads the body.
    ///
    /// - Parameters:
    ///   - limit: the most bytes the body may hold, on the wire and after decompression.
    ///   - what: how errors name the body ("batch", "message", "webhook body").
    /// - Throws: 413 over the limit, 415 for an encoding other than gzip, 400 for corrupt gzip,
    ///   408 past the deadline, and a 400 for a body cut short (the connection is gone by then).
    func read(_ request: Request, limit: Int, what: String) async throws(IngestHTTPError) -> Body {
        let encoding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard ["", "identity", "gzip", "x-gzip"].contains(encoding) else {
            throw IngestHTTPError(
                status: 415, code: "unsupported_encoding",
                message: "Content-Encoding \(encoding.prefix(40)) is not supported: send gzip or none")
        }
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > limit { throw .tooLarge(what, bytes: declared, limit: limit) }

        let wire = try await collect(request.body, limit: limit, what: what)
        if let declared, wire.count != declared {
            throw .invalidRequest("the body ended after \(wire.count) of its \(declared) bytes")
        }
        // JSON never starts with gzip's magic bytes, so a gzip body without its header is read too.
        guard encoding == "gzip" || encoding == "x-gzip" || Gunzip.isGzip(wire) else {
            return Body(wire: wire, json: wire)
        }
        do {
            return Body(wire: wire, json: try Gunzip.inflate(wire, limit: limit))
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge("\(what) (decompressed)", bytes: nil, limit: limit)
            case .corrupt(let reason): throw .invalidRequest("the gzip body cannot be decompressed: \(reason)")
            }
        }
    }

    /// Collects the body, giving up at the deadline. Cancelling the read ends the connection's input.
    private func collect(_ body: RequestBody, limit: Int, what: String) async throws(IngestHTTPError) -> [UInt8] {
        let timeout = timeout
        let outcome: Outcome
        do {
            outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    for try await buffer in body {
                        guard bytes.count + buffer.readableBytes <= limit else { return .tooLarge }
                        bytes.append(contentsOf: buffer.readableBytesView)
                    }
                    return .complete(bytes)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .timedOut
            }
        } catch {
            throw .invalidRequest("the body could not be read: the connection failed")
        }
        switch outcome {
        case .complete(let bytes): return bytes
        case .tooLarge: throw .tooLarge(what, bytes: nil, limit: limit)
        case .timedOut:
            throw IngestHTTPError(
                status: 408, code: "request_timeout",
                message: "the body did not arrive within the \(timeout.components.seconds)-second limit")
        }
    }

    private enum Outcome: Sendable {
        case complete([UInt8])
        case tooLarge
        case timedOut
    }
}
