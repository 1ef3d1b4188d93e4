import Foundation
import Hummingbird
import HummingbirdTesting
import SegsyncTesting
import Testing

@testable import CustomerIO

/// `GET /metrics` and `GET /healthz`.
@Suite struct ServerMetricsTests {
    @Test func countersFollowWhatTheMessagesBecame() async throws {
        try await ServerHarness().withRouter { client, _ in
            let body = Requests.batch([
                Message.track("Product Viewed", user: "u1", id: "m-1"),
                Message.track("Add to Cart", user: "u1", id: "m-2"),
                "{\"type\": \"track\", \"userId\": \"u1\", \"timestamp\": \"\(Message.time(0))\"}",
            ])
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/v1/batch", method: .post, headers: Requests.headers(), body: Requests.body(body))
                #expect(response.status == .ok)
            }
            let unauthorized = try await client.execute(
                uri: "/v1/batch", method: .post, headers: Requests.headers(authorization: nil),
                body: Requests.body(body))
            #expect(unauthorized.status == .unauthorized)

            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            for expected in [
                "segsync_messages_received_total 6",
                "segsync_messages_stored_total 2",
                "segsync_messages_duplicate_total 2",
                "segsync_messages_rejected_total 2",
                "segsync_queued_messages 0",
                "segsync_http_requests_total{route=\"/v1/batch\",status=\"200\"} 2",
                "segsync_http_requests_total{route=\"/v1/batch\",status=\"401\"} 1",
                "segsync_http_request_duration_seconds_count{route=\"/v1/batch\"} 3",
                "segsync_http_request_duration_seconds_bucket{route=\"/v1/batch\",le=\"+Inf\"} 3",
                "# TYPE segsync_http_request_duration_seconds histogram",
            ] {
                #expect(lines.contains(expected), "missing \(expected)")
            }
            #expect(lines.contains { $0.hasPrefix("segsync_commits_total ") })
        }
    }

    @Test func histogramBucketsAreCumulative() {
        var histogram = DurationHistogram()
        for seconds in [0.0005, 0.003, 0.003, 0.2, 20] { histogram.observe(seconds) }
        let lines = histogram.lines(name: "d", labels: "")
        #expect(lines.contains("d_bucket{le=\"0.001\"} 1"))
        #expect(lines.contains("d_bucket{le=\"0.005\"} 3"))
        #expect(lines.contains("d_bucket{le=\"0.25\"} 4"))
        #expect(lines.contains("d_bucket{le=\"10\"} 4"))
        #expect(lines.contains("d_bucket{le=\"+Inf\"} 5"))
        #expect(lines.contains("d_count 5"))
    }

    @Test func healthzAnswers200WhenReady() async throws {
        try await ServerHarness().withRouter { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "{\"status\":\"ok\"}")
        }
    }
}
