import CZlib
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SegsyncTesting

@testable import CustomerIO

/// Requests as the clients send them.
enum Requests {
    static func basic(_ key: String = ServerHarness.key, urlSafe: Bool = false, padded: Bool = true) -> String {
        var encoded = Data("\(key):".utf8).base64EncodedString()
        if urlSafe {
            encoded = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        if !padded { encoded = encoded.replacingOccurrences(of: "=", with: "") }
        return "Basic " + encoded
    }

    static func headers(
        authorization: String? = basic(), gzip: Bool = false, extra: [(String, String)] = []
    ) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json", .userAgent: "analytics-python/1.1.0"]
        if let authorization { fields[.authorization] = authorization }
        if gzip { fields[.contentEncoding] = "gzip" }
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return fields
    }

    static func body(_ text: String, gzip: Bool = false) -> ByteBuffer {
        gzip ? ByteBuffer(bytes: Gzip.compress(Array(text.utf8))) : ByteBuffer(string: text)
    }

    static func batch(_ messages: [String], sentAt: String? = nil) -> String {
        "{\"batch\": [" + messages.joined(separator: ", ") + "]"
            + (sentAt.map { ", \"sentAt\": \"\($0)\"" } ?? "") + "}"
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The `code` of an error answer.
    var code: String? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["code"] as? String
    }

    /// True when the body is an error object with both `code` and `message` strings.
    var isClientError: Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return false
        }
        return object["code"] is String && object["message"] is String
    }
}

/// gzip compression for request bodies in tests.
enum Gzip {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var input = input
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                _ = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}
