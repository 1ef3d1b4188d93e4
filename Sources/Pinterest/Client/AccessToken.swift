import Foundation

/// A Pinterest access token that never shows itself.
///
/// The token is kept in a private property; `description`, `debugDescription`, string interpolation, `dump` and
/// `Mirror` all render it as `AccessToken(redacted)`, so that it cannot leak into output, logs or error text by
/// accident. Only the HTTP layer reads it, to build the `Authorization` header.
///
/// ```swift
/// let token = AccessToken("pina_…")
/// print(token)  // AccessToken(redacted)
/// ```
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a raw token (an OAuth access token with `ads:write`, or a conversion token).
    public init(_ value: String) {
        self.value = value
    }

    /// Whether the token is empty after trimming whitespace.
    public var isEmpty: Bool {
        value.allSatisfy(\.isWhitespace)
    }

    /// Always `AccessToken(redacted)`.
    public var description: String { "AccessToken(redacted)" }

    /// Always `AccessToken(redacted)`.
    public var debugDescription: String { description }

    /// A mirror without children, so that `dump` shows nothing of the token.
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The value of the `Authorization` header. Internal: only the transport uses it.
    var authorizationHeaderValue: String { "Bearer \(value)" }

    /// Replaces every occurrence of the token in `text` by `[redacted]`.
    ///
    /// Used on any text that comes back from the network before it goes into an error or a log line.
    func redacting(_ text: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return text }
        return text.replacingOccurrences(of: trimmed, with: "[redacted]")
    }
}
