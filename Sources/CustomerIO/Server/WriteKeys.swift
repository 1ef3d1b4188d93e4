import Crypto
import Foundation

/// The write keys the server accepts, and the reading of a request's `Authorization` header.
///
/// The official clients send a key as HTTP Basic user with an empty password, or, for keys shaped
/// `pk_us_...`/`sk_eu_...`, as `Authorization: Bearer KEY`. Basic credentials are accepted in both
/// base64 alphabets (standard and URL-safe), with or without padding. Keys are held and compared
/// as SHA-256 digests in constant time, so neither their text nor their length shows in timing.
struct WriteKeys: Sendable {
    private let digests: [SHA256Digest]

    /// - Precondition: at least one key; the command line refuses to start without one.
    init(_ keys: [String]) {
        precondition(!keys.isEmpty, "the server needs at least one write key")
        digests = keys.map { SHA256.hash(data: Data($0.utf8)) }
    }

    /// Checks the `Authorization` header.
    ///
    /// - Throws: a 401 ``IngestHTTPError`` saying what is missing or malformed (never the key).
    func authenticate(_ authorization: String?) throws(IngestHTTPError) {
        guard let authorization, !authorization.isEmpty else {
            throw .unauthorized(
                "no write key: send it as the HTTP Basic user with an empty password, "
                    + "or as Authorization: Bearer KEY")
        }
        guard let key = Self.key(from: authorization) else {
            throw .unauthorized("the Authorization header is neither Basic credentials nor a Bearer token")
        }
        guard accepts(key) else { throw .unauthorized("the write key is not one of this server's keys") }
    }

    /// True when `key` is one of the keys.
    func accepts(_ key: String) -> Bool {
        let presented = SHA256.hash(data: Data(key.utf8))
        var matched = false
        for digest in digests where Self.constantTimeEqual(digest, presented) { matched = true }
        return matched
    }

    /// The key an `Authorization` header carries, or nil when it carries none.
    static func key(from authorization: String) -> String? {
        let parts = authorization.trimmingCharacters(in: .whitespaces).split(
            separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let credentials = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer":
            return credentials.isEmpty ? nil : credentials
        case "basic":
            guard let decoded = decodeBase64(credentials), let text = String(bytes: decoded, encoding: .utf8) else {
                return nil
            }
            let user = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return user.isEmpty ? nil : String(user)
        default:
            return nil
        }
    }

    /// Base64 in the standard (`+/`) or URL-safe (`-_`) alphabet, padding optional.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var normalized = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while normalized.hasSuffix("=") { normalized.removeLast() }
        guard normalized.count % 4 != 1 else { return nil }
        normalized += String(repeating: "=", count: (4 - normalized.count % 4) % 4)
        return Data(base64Encoded: normalized).map { [UInt8]($0) }
    }

    private static func constantTimeEqual(_ lhs: SHA256Digest, _ rhs: SHA256Digest) -> Bool {
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}
