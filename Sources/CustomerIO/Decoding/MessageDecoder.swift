import Store

/// Decodes Customer.io Data Pipelines messages, as the official clients send them, into
/// ``IngestItem``s: messages to store, or rejections with their reason.
///
/// A line (or request body) holds one JSON value: a message, a `{"batch": [...]}` envelope, or an
/// array of messages. Each message of an envelope or array is decoded on its own, so one bad message
/// never costs the good ones beside it.
public struct MessageDecoder: Sendable {
    /// The file name, `-`, or the endpoint, recorded with rejections.
    public var source: String
    /// When the server received the input; stamped on messages and used for clock-skew correction.
    public var receivedAt: Int64?
    /// Whether to correct timestamps for the sender's clock with `sentAt` (the server does; files don't).
    public var correctsClockSkew: Bool

    public init(source: String, receivedAt: Int64? = nil, correctsClockSkew: Bool = false) {
        self.source = source
        self.receivedAt = receivedAt
        self.correctsClockSkew = correctsClockSkew
    }

    /// Decodes one line (or body); `line` is its 1-based number, when it came from a file.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, line: Int?, into items: inout [IngestItem]) {
        guard Self.isValidUTF8(bytes) else {
            items.append(.rejected(reject("the line is not valid UTF-8", line: line, raw: bytes)))
            return
        }
        let root: JSONScanner.Value
        do {
            root = try JSONScanner.validateDocument(bytes)
        } catch {
            let reason = "bad JSON at byte \(error.offset + 1): expected \(error.expected)"
            items.append(.rejected(reject(reason, line: line, raw: bytes)))
            return
        }
        let scanner = JSONScanner(bytes)
        switch messages(of: root, in: scanner) {
        case .success(let list):
            for message in list.messages {
                items.append(decodeMessage(message, in: scanner, envelope: list.envelope, line: line))
            }
        case .failure(let problem):
            items.append(.rejected(reject(problem.reason, line: line, raw: bytes)))
        }
    }

    /// The messages a document holds, and what an envelope gives them all.
    struct MessageList {
        /// How the messages came.
        enum Form { case one, array, batch }
        var form: Form
        var messages: [JSONScanner.Value]
        var envelope: Envelope
    }

    /// A document that holds no messages.
    enum MessageListProblem: Error {
        case batchNotArray, notMessages

        var reason: String {
            switch self {
            case .batchNotArray: "\"batch\" must be an array of messages"
            case .notMessages: "expected a message object, a {\"batch\": [...]} envelope or an array of messages"
            }
        }
    }

    /// Finds the messages of a line or body: a message object, an array of messages, or a
    /// `{"batch": [...]}` envelope whose `sentAt` and `context` apply to each of its messages.
    func messages(of root: JSONScanner.Value, in scanner: JSONScanner) -> Result<MessageList, MessageListProblem> {
        switch root.kind {
        case .array:
            return .success(MessageList(form: .array, messages: scanner.elements(of: root), envelope: Envelope()))
        case .object:
            var envelope = Envelope()
            var batch: JSONScanner.Value?
            scanner.forEachMember(of: root) { key, value in
                switch key {
                case "batch": batch = value
                case "sentAt": envelope.sentAt = scanner.string(value)
                case "context": if value.kind == .object { envelope.context = value }
                default: break
                }
            }
            guard let batch else { return .success(MessageList(form: .one, messages: [root], envelope: Envelope())) }
            guard batch.kind == .array else { return .failure(.batchNotArray) }
            return .success(MessageList(form: .batch, messages: scanner.elements(of: batch), envelope: envelope))
        default:
            return .failure(.notMessages)
        }
    }

    /// Decodes a whole string (tests and small inputs).
    public func decode(_ text: String, line: Int? = nil) -> [IngestItem] {
        var items: [IngestItem] = []
        var text = text
        text.withUTF8 { decode($0, line: line, into: &items) }
        return items
    }

    struct Envelope {
        var sentAt: String?
        var context: JSONScanner.Value?
    }

    func reject(_ reason: String, line: Int?, raw: UnsafeBufferPointer<UInt8>, messageId: String? = nil) -> Rejection {
        Rejection(source: source, line: line, reason: reason, messageId: messageId,
                  raw: String(decoding: raw, as: UTF8.self))
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
