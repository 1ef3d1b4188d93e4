/// A misbehaviour the stand-in plays on one request, as real Pinterest sometimes does.
///
/// Queue faults with ``PinterestStandIn/inject(_:on:times:)``; each one is used up by the next request that
/// matches its operation (or any request), in the order they were queued.
///
/// ```swift
/// await standIn.inject(.rateLimited(retryAfter: 1), on: .updateCustomerList)
/// await standIn.inject(.dropConnectionAfterApplying, on: .updateCustomerList)
/// ```
public struct StandInFault: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        /// Answer this error without applying the request.
        case error(status: Int, code: Int, message: String, retryAfter: String?)
        /// Wait, then handle the request normally.
        case delay(Duration)
        /// Apply the request, then close the connection without answering.
        case dropAfterApplying
        /// Close the connection without applying the request or answering.
        case dropBeforeApplying
    }

    let kind: Kind

    /// 429 with Pinterest's code 8, with a `Retry-After` of `retryAfter` seconds when given.
    public static func rateLimited(retryAfter: Int? = nil) -> StandInFault {
        StandInFault(
            kind: .error(
                status: 429, code: 8,
                message: "This request exceeded a rate limit. This can happen if the client exceeds one of the "
                    + "published rate limits within a short time window.",
                retryAfter: retryAfter.map(String.init)
            )
        )
    }

    /// 500, not applied.
    public static let internalServerError = StandInFault(
        kind: .error(status: 500, code: 500, message: "Internal server error.", retryAfter: nil)
    )

    /// 503, not applied (Pinterest's "ramped down" answer).
    public static let serviceUnavailable = StandInFault(
        kind: .error(
            status: 503, code: 4197,
            message: "The endpoint has been ramped down and is currently not accepting any traffic.", retryAfter: nil
        )
    )

    /// 401 with Pinterest's code 2, whatever the token.
    public static let unauthorized = StandInFault(
        kind: .error(status: 401, code: 2, message: "Authentication failed.", retryAfter: nil)
    )

    /// 403 with Pinterest's code 29.
    public static let forbidden = StandInFault(
        kind: .error(status: 403, code: 29, message: "You are not permitted to access that resource.", retryAfter: nil)
    )

    /// Any error answer, not applied; `retryAfter` is sent verbatim as the `Retry-After` header.
    public static func error(status: Int, code: Int, message: String, retryAfter: String? = nil) -> StandInFault {
        StandInFault(kind: .error(status: status, code: code, message: message, retryAfter: retryAfter))
    }

    /// A slow answer: waits `delay`, then handles the request normally (and applies it, even if the client has
    /// given up waiting by then, as a real server would).
    public static func slow(_ delay: Duration) -> StandInFault {
        StandInFault(kind: .delay(delay))
    }

    /// Applies the request, then closes the connection without an answer: the client cannot know it worked.
    public static let dropConnectionAfterApplying = StandInFault(kind: .dropAfterApplying)

    /// Closes the connection without applying the request or answering.
    public static let dropConnectionBeforeApplying = StandInFault(kind: .dropBeforeApplying)

    public var description: String {
        switch kind {
        case .error(let status, let code, _, let retryAfter):
            return "error \(status) (code \(code))" + (retryAfter.map { ", Retry-After: \($0)" } ?? "")
        case .delay(let delay): return "slow answer (\(delay))"
        case .dropAfterApplying: return "connection dropped after applying"
        case .dropBeforeApplying: return "connection dropped before applying"
        }
    }
}

/// A queued fault and the operation it waits for (`nil`: any request).
struct PendingFault: Sendable {
    var fault: StandInFault
    var operation: StandInOperation?
}
