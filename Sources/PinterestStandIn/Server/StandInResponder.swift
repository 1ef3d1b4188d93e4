import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Turns each HTTP request into a recorded request, maybe a fault, and an answer from the state.
struct StandInResponder: HTTPResponder {
    typealias Context = StandInContext

    let state: StandInState
    let pathPrefix: String

    /// Raised to make Hummingbird give up on a connection that the stand-in has already closed.
    struct ConnectionDropped: Error {}

    func respond(to request: Request, context: StandInContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let body = Data(buffer.readableBytesView)
        let method = request.method.rawValue
        let path = request.uri.path
        let match = operationPath(path).flatMap { StandInOperation.match(method: method, path: $0) }
        let query = Self.queryParameters(request.uri.query)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }

        let fault = await state.receive(
            method: method, path: path, operation: match?.0, query: query, headers: headers, body: body
        )
        var dropAfterApplying = false
        switch fault?.kind {
        case .error(let status, let code, let message, let retryAfter)?:
            return Self.response(StandInReply.error(status, code: code, message, retryAfter: retryAfter))
        case .delay(let delay)?:
            try await Task.sleep(for: delay)
        case .dropAfterApplying?:
            dropAfterApplying = true
        case .dropBeforeApplying?:
            try await drop(context)
        case nil:
            break
        }

        let reply: StandInReply
        if let (operation, parameters) = match {
            reply = await state.handle(
                operation, parameters: parameters, query: query, body: body,
                authorization: request.headers[.authorization]
            )
        } else {
            reply = .notFound("No such operation: \(method) \(path)")
        }
        if dropAfterApplying { try await drop(context) }
        return Self.response(reply)
    }

    /// Closes the connection without a word, then stops this request.
    private func drop(_ context: StandInContext) async throws -> Never {
        try? await context.channel.close()
        throw ConnectionDropped()
    }

    /// The path without the API prefix, or `nil` when it lies outside the API.
    private func operationPath(_ path: String) -> String? {
        guard !pathPrefix.isEmpty else { return path }
        guard path.hasPrefix(pathPrefix + "/") else { return nil }
        return String(path.dropFirst(pathPrefix.count))
    }

    static func queryParameters(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty, let components = URLComponents(string: "http://stand-in/?" + query) else {
            return [:]
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        return parameters
    }

    static func response(_ reply: StandInReply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { headers[fieldName] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body.data))
        )
    }
}

/// The request context: Hummingbird's core storage plus the connection's channel, which the stand-in closes to
/// drop a connection without answering.
struct StandInContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Request bodies up to 32 MiB: large customer list batches are legitimate.
    var maxUploadSize: Int { 32 * 1024 * 1024 }
}
