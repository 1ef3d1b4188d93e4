import Crypto
import Foundation

/// The identifier Pinterest matches an email by: SHA-256, lowercase hex, of the email trimmed of
/// white space and lowercased; a value that already is a 64-character hex hash is kept (lowercased),
/// never hashed twice. The `Pinterest` target's `PinterestHashing.hashedEmail` trims and hashes the same way
/// but also refuses a value without `@`; this one hashes whatever the person's email trait holds.
public enum EmailHash {
    /// The hash, or nil for an empty email.
    public static func hash(_ email: String) -> String? {
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !normalized.isEmpty else { return nil }
        let isLowercaseHex = normalized.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        if normalized.utf8.count == 64, isLowercaseHex { return normalized }
        return Hex.lowercase(SHA256.hash(data: Array(normalized.utf8)))
    }
}
