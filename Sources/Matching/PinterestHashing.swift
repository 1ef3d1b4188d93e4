import Crypto

/// SHA-256 the way Pinterest matches it: lowercase hex of the UTF-8 bytes of a normalised value.
///
/// A value that already is a SHA-256 hash (64 hex digits, any case, surrounding whitespace ignored) is passed
/// through lowercased, never hashed twice.
///
/// ```swift
/// PinterestHashing.hashedEmail("Test@Gmail.com ")
/// // "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"
/// PinterestHashing.customerListRecords(hashes)   // "h1,h2,h3": the `records` string
/// ```
public enum PinterestHashing {
    /// The lowercase hex SHA-256 of `text`'s UTF-8 bytes, as is: no trimming, no lowercasing.
    public static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return hex(digest)
    }

    /// Whether `text` is 64 hex digits (either case), i.e. already a SHA-256 hash.
    public static func isSHA256Hex(_ text: some StringProtocol) -> Bool {
        let bytes = text.utf8
        return bytes.count == 64 && bytes.allSatisfy(isHexDigit)
    }

    /// The hash of an email: trimmed and lowercased, then SHA-256; an existing hash passes through lowercased.
    ///
    /// - Returns: `nil` when nothing usable is left (empty, or no `@` and not a hash).
    public static func hashedEmail(_ email: String) -> String? {
        guard let key = Identifiers.emailKey(email) else { return nil }
        return key.utf8.count == 64 && isSHA256Hex(key) ? key : sha256Hex(key)
    }

    /// The hash of `value` after `normalize`, or `value` itself lowercased when it already is a SHA-256 hash.
    ///
    /// - Returns: `nil` when `normalize` rejects the value.
    public static func hashed(_ value: String, normalizedBy normalize: (String) -> String?) -> String? {
        let trimmed = value.trimmingWhitespace()
        if isSHA256Hex(trimmed) { return trimmed.lowercased() }
        return normalize(trimmed).map(sha256Hex)
    }

    /// The `records` string of a customer list call: the records joined by commas, in order.
    ///
    /// Records must not contain commas; hashes never do.
    public static func customerListRecords(_ records: some Sequence<String>) -> String {
        records.joined(separator: ",")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace and newlines (Unicode-aware, no Foundation).
    /// The text without the white space around it (Unicode's `White_Space` characters).
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
