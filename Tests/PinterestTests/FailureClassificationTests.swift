import Foundation
import Testing

@testable import Pinterest

/// How URL loading errors count for the retry policy. Over libcurl, a connection the server drops while a POST
/// body is being sent can surface as `URLError.unknown` rather than `.networkConnectionLost`; it is retried as a
/// lost connection (and a creation is then looked up before it is tried again), not given up on at once.
@Suite struct FailureClassificationTests {
    @Test(arguments: [
        (URLError.Code.timedOut, AttemptFailure.timedOut),
        (.networkConnectionLost, .connectionLost), (.cannotConnectToHost, .connectionLost),
        (.badServerResponse, .connectionLost), (.unknown, .connectionLost),
        (.badURL, .other), (.secureConnectionFailed, .other), (.cannotFindHost, .other),
    ])
    func classified(_ code: URLError.Code, _ expected: AttemptFailure) {
        #expect(PinterestClient.classify(URLError(code)) == expected)
    }

    @Test func aLostConnectionMayHaveBeenAppliedAndIsRetried() {
        let failure = PinterestClient.classify(URLError(.unknown))
        #expect(PinterestClient.mayHaveBeenApplied(failure))
        #expect(RetryPolicy.isRetryable(failure))
    }
}
