import Hummingbird

/// An answer other than success: a status with the JSON body the Customer.io clients understand,
/// `{"code": "...", "message": "..."}`.
///
/// The official clients give up on a 4xx that has both keys and retry 5xx and 429, so every input
/// problem is a 4xx with both keys, and only a failing store answers 503.
public struct IngestHTTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// A stable, machine-readable code such as `invalid_json`.
    public var code: String
    /// What went wrong, in one line; never message contents or keys.
    public var message: String
    /// Strict mode: the messages that were refused, in the order of the request.
    public var rejected: [RejectedMessage] = []

    public init(status: Int, code: String, message: String, rejected: [RejectedMessage] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.rejected = rejected
    }

    public var description: String { "HTTP \(status) \(code): \(message)" }

    /// The body: `{"code": ..., "message": ...}`, plus `rejected` in strict mode.
    public var json: String {
        var text = "{\"code\":" + JSONText.quoted(code) + ",\"message\":" + JSONText.quoted(message)
        if !rejected.isEmpty {
            text += ",\"rejected\":[" + rejected.map(\.json).joined(separator: ",") + "]"
        }
        return text + "}"
    }

    /// The HTTP response carrying this error.
    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == 401 { headers[.wwwAuthenticate] = "Basic realm=\"segsync\"" }
        if status == 503 { headers[.retryAfter] = "1" }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// A message refused in strict mode: where it stood in the request and why.
public struct RejectedMessage: Sendable, Equatable {
    /// Its 0-based position in the request.
    public var index: Int
    /// Its `messageId`, when it had one.
    public var messageId: String?
    /// Why it was refused, as the rejected table would keep it.
    public var reason: String

    public init(index: Int, messageId: String?, reason: String) {
        self.index = index
        self.messageId = messageId
        self.reason = reason
    }

    var json: String {
        "{\"index\":\(index)" + (messageId.map { ",\"messageId\":" + JSONText.quoted($0) } ?? "")
            + ",\"reason\":" + JSONText.quoted(reason) + "}"
    }
}

extension IngestHTTPError {
    static func unauthorized(_ message: String) -> IngestHTTPError {
        IngestHTTPError(status: 401, code: "unauthorized", message: message)
    }

    static func invalidJSON(_ message: String) -> IngestHTTPError {
        IngestHTTPError(status: 400, code: "invalid_json", message: message)
    }

    static func invalidRequest(_ message: String) -> IngestHTTPError {
        IngestHTTPError(status: 400, code: "invalid_request", message: message)
    }

    static func tooLarge(_ what: String, bytes: Int?, limit: Int) -> IngestHTTPError {
        let size = bytes.map { " is \($0) bytes;" } ?? " is too large:"
        return IngestHTTPError(
            status: 413, code: "payload_too_large", message: "the \(what)\(size) the limit is \(limit) bytes")
    }

    static func unavailable(_ message: String) -> IngestHTTPError {
        IngestHTTPError(status: 503, code: "unavailable", message: message)
    }

    /// An error of the HTTP layer (an unknown route, say), in our shape.
    static func http(status: Int, message: String?) -> IngestHTTPError {
        let code =
            switch status {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 408: "request_timeout"
            case 413: "payload_too_large"
            case 400..<500: "bad_request"
            default: "internal_error"
            }
        return IngestHTTPError(status: status, code: code, message: message ?? "HTTP \(status)")
    }
}
