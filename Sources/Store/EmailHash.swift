import Crypto
import Foundation

/// The identifier Pinterest matches an email by: SHA-256, lowercase hex, of the email trimmed of
/// white space and lowercased; a value that already is a 64-character hex hash is kept (lowercased),
/// never hashed twice.
///
/// A value that is not an email (no `@` between two non-empty parts, such as `"none"` or `"n/a"`) has no
/// hash: Pinterest could never match it, and the `Pinterest` target's `Identifiers.normalizedEmail`
/// refuses it by the same rule, so the person is not a list member by it.
public enum EmailHash {
    /// The hash, or nil for an empty value or one that is not an email.
    public static func hash(_ email: String) -> String? {
        guard let normalized = normalized(email) else { return nil }
        if isHash(normalized) { return normalized }
        return Hex.lowercase(SHA256.hash(data: Array(normalized.utf8)))
    }

    /// The email trimmed and lowercased, when it is one (or a 64-character hex hash of one).
    public static func normalized(_ email: String) -> String? {
        let value = asciiNormalized(email) ?? email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if isHash(value) { return value }
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex
        else { return nil }
        return value
    }

    /// An all-ASCII value trimmed and lowercased on its bytes (Foundation's trimming took a tenth of the
    /// ingest's identify time); nil for other text, which takes the Unicode-aware path.
    static func asciiNormalized(_ email: String) -> String? {
        let original = email
        var email = email
        return email.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
            let isUpper = { (byte: UInt8) in (0x41...0x5A).contains(byte) }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }),
                let last = bytes.lastIndex(where: { !isSpace($0) })
            else { return "" }
            let trimmed = bytes[first...last]
            if first == 0, last == bytes.count - 1, !trimmed.contains(where: isUpper) { return original }
            return String(decoding: trimmed.map { isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
    }

    private static func isHash(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
