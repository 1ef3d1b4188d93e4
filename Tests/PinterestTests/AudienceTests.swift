import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Audiences through HTTP")
struct AudienceTests {
    @Test("create sends audience_type CUSTOMER_LIST and rule {customer_list_id}")
    func create() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let list = try await client.createCustomerList(
                named: "Cart abandoners 6-24h", records: hashedEmails(0..<120)
            )
            let audience = try await client.createAudience(
                named: "Cart abandoners 6-24h", customerListID: list.id, description: "segsync"
            )
            #expect(audience.name == "Cart abandoners 6-24h")
            #expect(audience.audienceType == "CUSTOMER_LIST")
            #expect(audience.rule?.customerListID == list.id)
            #expect(audience.status == "READY")
            #expect(audience.size == 120)

            let request = try #require(await standIn.requests(to: .createAudience).first)
            #expect(request.bodyKeys == ["audience_type", "description", "name", "rule"])
            let body = try #require(request.jsonObject)
            #expect(body["audience_type"] as? String == "CUSTOMER_LIST")
            #expect((body["rule"] as? [String: Any])?.keys.sorted() == ["customer_list_id"])
            #expect((body["rule"] as? [String: Any])?["customer_list_id"] as? String == list.id)
        }
    }

    @Test("list follows bookmarks; get and find return the audience")
    func listGetFind() async throws {
        try await withStandIn({ $0.maxPageSize = 2 }) { standIn in
            let client = makeClient(standIn)
            let list = try await client.createCustomerList(named: "base", records: hashedEmails(0..<5))
            var ids: [String] = []
            for index in 0..<5 {
                ids.append(try await client.createAudience(named: "audience \(index)", customerListID: list.id).id)
            }
            let audiences = try await client.listAudiences()
            #expect(audiences.map(\.id) == ids)
            #expect(await standIn.requests(to: .listAudiences).count == 3)
            let fetched = try await client.getAudience(id: ids[3])
            #expect(fetched.name == "audience 3")
            #expect(fetched.status == "TOO_SMALL")
            #expect(try await client.findAudience(named: "audience 4")?.id == ids[4])
            #expect(try await client.findAudience(named: "nope") == nil)
            let other = try await client.createCustomerList(named: "other", records: hashedEmails(0..<5))
            #expect(try await client.findAudience(named: "audience 4", customerListID: list.id)?.id == ids[4])
            #expect(try await client.findAudience(named: "audience 4", customerListID: other.id) == nil)
        }
    }

    @Test("an audience on a missing customer list is a 400, not retried")
    func missingList() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let error = await #expect(throws: PinterestError.self) {
                try await client.createAudience(named: "orphan", customerListID: "123456")
            }
            #expect(error?.status == 400)
            #expect(error?.code == 1)
            #expect(await standIn.requests(to: .createAudience).count == 1)
        }
    }

    @Test("a missing audience is a 404 carrying Pinterest's message")
    func missingAudience() async throws {
        try await withStandIn { standIn in
            let error = await #expect(throws: PinterestError.self) {
                try await makeClient(standIn).getAudience(id: "42")
            }
            #expect(error?.status == 404)
            #expect(error?.message == "Audience not found.")
            #expect(error?.endpoint == "GET /ad_accounts/{id}/audiences/{id}")
        }
    }
}
