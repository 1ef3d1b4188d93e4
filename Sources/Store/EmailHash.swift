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
        let value = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if isHash(value) { return value }
        guard let at = value.firstIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex
        else { return nil }
        return value
    }

    private static func isHash(_ value: String) -> Bool {
        value.utf8.count == 64 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
