import Foundation
import Pinterest
import PinterestStandIn
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The stand-in itself, through raw HTTP: deliberately bad requests, so its request log is off here.
@Suite("Pinterest stand-in")
struct StandInTests {
    static func send(
        _ standIn: PinterestStandIn, _ method: String, _ path: String, body: String? = nil, token: String? = testToken
    ) async throws -> (status: Int, json: [String: Any], headers: [AnyHashable: Any]) {
        let url = try #require(URL(string: standIn.baseURL.absoluteString + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (http.statusCode, json, http.allHeaderFields)
    }

    static func withQuietStandIn<T>(_ body: (PinterestStandIn) async throws -> T) async throws -> T {
        try await withStandIn({ $0.requestLog = .disabled }, body)
    }

    @Test("no token or a wrong one: 401 {code: 2, message}")
    func authentication() async throws {
        try await Self.withQuietStandIn { standIn in
            for token in [nil, "wrong"] as [String?] {
                let answer = try await Self.send(standIn, "GET", "/ad_accounts/\(testAccount)/audiences", token: token)
                #expect(answer.status == 401)
                #expect(answer.json["code"] as? Int == 2)
                #expect(answer.json["message"] as? String == "Authentication failed.")
            }
        }
    }

    @Test(
        "missing or mistyped fields: 400 {code: 1, message}",
        arguments: [
            ("POST", "customer_lists", #"{"records": "a,b"}"#, "'name' is a required property"),
            ("POST", "customer_lists", #"{"name": "x"}"#, "'records' is a required property"),
            ("POST", "customer_lists", #"{"name": "x", "records": 12}"#, "'records' must be a string"),
            ("POST", "customer_lists", #"{"name": "x", "records": "a", "extra": 1}"#, "'extra' was unexpected"),
            ("POST", "customer_lists", #"{"name": "x", "records": " , "}"#, "holds no record"),
            ("POST", "customer_lists", #"["x"]"#, "must be a JSON object"),
            ("POST", "customer_lists", "not json", "not JSON"),
            ("POST", "audiences", #"{"name": "x", "audience_type": "CUSTOMER_LIST"}"#, "'rule' is a required"),
            ("POST", "audiences", #"{"name": "x", "rule": {"customer_list_id": "1"}}"#, "'audience_type' is a"),
        ]
    )
    func badBodies(method: String, resource: String, body: String, expected: String) async throws {
        try await Self.withQuietStandIn { standIn in
            let answer = try await Self.send(standIn, method, "/ad_accounts/\(testAccount)/\(resource)", body: body)
            #expect(answer.status == 400)
            #expect(answer.json["code"] as? Int == 1)
            let message = try #require(answer.json["message"] as? String)
            #expect(message.contains(expected), "\(message)")
            #expect(await standIn.customerLists().isEmpty)
        }
    }

    @Test("update: unknown operation_type is a 400; a missing list a 404")
    func updateChecks() async throws {
        try await Self.withQuietStandIn { standIn in
            let id = await standIn.seedCustomerList(named: "x", records: ["a"], inAccount: testAccount)
            let path = "/ad_accounts/\(testAccount)/customer_lists/"
            let merge = #"{"operation_type": "MERGE", "records": "b"}"#
            let bad = try await Self.send(standIn, "PATCH", path + id, body: merge)
            #expect(bad.status == 400)
            let add = #"{"operation_type": "ADD", "records": "b"}"#
            let missing = try await Self.send(standIn, "PATCH", path + "77", body: add)
            #expect(missing.status == 404)
            #expect(missing.json["message"] as? String == "Customer list not found.")
            #expect(await standIn.records(ofList: id) == ["a"])
        }
    }

    @Test("unknown paths are 404 in Pinterest's shape; a bad ad account id is a 400")
    func unknownPaths() async throws {
        try await Self.withQuietStandIn { standIn in
            let unknown = try await Self.send(standIn, "GET", "/ad_accounts/\(testAccount)/campaigns")
            #expect(unknown.status == 404)
            #expect(unknown.json["code"] != nil)
            let account = try await Self.send(standIn, "GET", "/ad_accounts/act_1/customer_lists")
            #expect(account.status == 400)
        }
    }

    static let baseEvent: [String: String] = [
        "event_name": #""checkout""#, "action_source": #""web""#, "event_time": "NOW", "event_id": #""1""#,
        "user_data": #"{"em": ["HASH"]}"#,
    ]

    @Test(
        "conversion checks fail single events with a reason, in a 422",
        arguments: [
            ("event_id", nil, "'event_id' is a required property"),
            ("event_name", #""buy""#, "'event_name'"),
            ("user_data", #"{"em": ["a@b.c"]}"#, "SHA-256"),
            ("user_data", #"{"client_ip_address": "203.0.113.9"}"#, "needs em"),
            ("custom_data", #"{"value": 12.5}"#, "'custom_data.value'"),
            ("colour", #""red""#, "'colour'"),
            ("event_time", "OLD", "too old"),
        ] as [(String, String?, String)]
    )
    func conversionChecks(key: String, value: String?, expected: String) async throws {
        try await Self.withQuietStandIn { standIn in
            var fields = Self.baseEvent
            fields[key] = value
            let now = Int(Date().timeIntervalSince1970)
            let event = "{" + fields.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
            let body = "{\"data\": [\(event)]}"
                .replacingOccurrences(of: "NOW", with: String(now))
                .replacingOccurrences(of: "OLD", with: String(now - 8 * 86_400))
                .replacingOccurrences(of: "HASH", with: PinterestHashing.sha256Hex("a@b.c"))
            let answer = try await Self.send(standIn, "POST", "/ad_accounts/\(testAccount)/events", body: body)
            #expect(answer.status == 422)
            let details = try #require(answer.json["details"] as? [String: Any])
            #expect(details["num_events_processed"] as? Int == 0)
            let events = try #require(details["events"] as? [[String: Any]])
            let message = try #require(events.first?["error_message"] as? String)
            #expect(message.contains(expected), "\(message)")
            #expect(await standIn.conversionEvents().isEmpty)
        }
    }

    @Test("an empty data array or an unknown top-level key is a 400")
    func conversionRequestChecks() async throws {
        try await Self.withQuietStandIn { standIn in
            let path = "/ad_accounts/\(testAccount)/events"
            let empty = try await Self.send(standIn, "POST", path, body: #"{"data": []}"#)
            let unknownKey = try await Self.send(standIn, "POST", path, body: #"{"data": [], "x": 1}"#)
            let badFlag = try await Self.send(standIn, "POST", path + "?test=maybe", body: #"{"data": []}"#)
            let statuses: [Int] = [empty.status, unknownKey.status, badFlag.status]
            #expect(statuses == [400, 400, 400])
        }
    }

    @Test("429 faults carry Retry-After when asked; faults wait for their operation")
    func faultHeaders() async throws {
        try await Self.withQuietStandIn { standIn in
            await standIn.inject(.rateLimited(retryAfter: 7), on: .listAudiences)
            let path = "/ad_accounts/\(testAccount)/"
            #expect(try await Self.send(standIn, "GET", path + "customer_lists").status == 200)
            let limited = try await Self.send(standIn, "GET", path + "audiences")
            #expect(limited.status == 429)
            #expect(limited.json["code"] as? Int == 8)
            let retryAfter = limited.headers.first { ($0.key as? String)?.lowercased() == "retry-after" }?.value
            #expect(retryAfter as? String == "7")
            #expect(try await Self.send(standIn, "GET", path + "audiences").status == 200)
        }
    }

    @Test("the request log gets one JSON line per request with method, path, template and body")
    func requestLog() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("standin-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try await withStandIn({ $0.requestLog = .file(file.path) }) { standIn in
            let client = makeClient(standIn)
            let list = try await client.createCustomerList(named: "logged", records: ["a", "b"])
            _ = try await client.getCustomerList(id: list.id)
        }
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["method"] as? String == "POST")
        #expect(first["path"] as? String == "/v5/ad_accounts/\(testAccount)/customer_lists")
        #expect(first["template"] as? String == "/ad_accounts/{ad_account_id}/customer_lists")
        #expect(first["operation_id"] as? String == "customer_lists/create")
        #expect((first["body"] as? [String: Any])?["records"] as? String == "a,b")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["body"] is NSNull)
        #expect(!lines.joined().contains("TEST-SECRET"))
    }

    @Test("stop frees the port; two stand-ins run side by side")
    func lifecycle() async throws {
        let first = try await PinterestStandIn.start(StandInConfiguration(requestLog: .disabled))
        let second = try await PinterestStandIn.start(StandInConfiguration(requestLog: .disabled))
        #expect(first.port != second.port)
        #expect(first.baseURL.absoluteString == "http://127.0.0.1:\(first.port)/v5")
        await first.stop()
        await second.stop()
        let client = PinterestClient(
            configuration: PinterestConfiguration(
                baseURL: first.baseURL, accessToken: AccessToken("test-token"), adAccountID: testAccount,
                retryPolicy: .never
            )
        )
        await #expect(throws: PinterestError.self) { try await client.listAudiences() }
    }
}
