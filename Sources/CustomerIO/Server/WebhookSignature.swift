import Crypto
import Foundation

/// The signature of Data Pipelines' Webhook destination: with a shared secret set, each request
/// carries `X-Signature`, the hex-encoded HMAC-SHA1 of the raw request body under that secret.
///
///     let signature = WebhookSignature(secret: "s3cret")
///     signature.isValid("5d41...", for: body)
public struct WebhookSignature: Sendable {
    private let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// The lowercase hex signature of `body`.
    public func sign(_ body: some DataProtocol) -> String {
        HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key)
            .map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// True when `header` (hex, either case, surrounding spaces ignored) is the signature of `body`.
    /// The comparison takes the same time wherever the first difference is.
    public func isValid(_ header: String?, for body: some DataProtocol) -> Bool {
        guard let header else { return false }
        let presented = Array(header.trimmingCharacters(in: .whitespaces).lowercased().utf8)
        let expected = Array(sign(body).utf8)
        guard presented.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(presented, expected) { difference |= left ^ right }
        return difference == 0
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
