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
        switch root.kind {
        case .array:
            for element in scanner.elements(of: root) {
                items.append(decodeMessage(element, in: scanner, envelope: Envelope(), line: line))
            }
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
            if let batch {
                guard batch.kind == .array else {
                    items.append(.rejected(reject("\"batch\" must be an array of messages", line: line, raw: bytes)))
                    return
                }
                for element in scanner.elements(of: batch) {
                    items.append(decodeMessage(element, in: scanner, envelope: envelope, line: line))
                }
            } else {
                items.append(decodeMessage(root, in: scanner, envelope: Envelope(), line: line))
            }
        default:
            items.append(.rejected(reject(
                "expected a message object, a {\"batch\": [...]} envelope or an array of messages",
                line: line, raw: bytes)))
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
