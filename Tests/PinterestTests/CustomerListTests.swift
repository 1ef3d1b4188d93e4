import Foundation
import Pinterest
import PinterestStandIn
import Testing

@Suite("Customer lists through HTTP")
struct CustomerListTests {
    @Test("create sends name, records as one comma-separated string, and list_type EMAIL")
    func create() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let records = hashedEmails(0..<3)
            let list = try await client.createCustomerList(named: "Cart abandoners 6-24h", records: records)
            #expect(list.name == "Cart abandoners 6-24h")
            #expect(list.adAccountID == testAccount)
            #expect(list.type == "customerlist")
            #expect(list.numUploadedUserRecords == 3)
            #expect(await standIn.records(ofList: list.id) == Set(records))

            let request = try #require(await standIn.requests(to: .createCustomerList).first)
            #expect(request.path == "/v5/ad_accounts/\(testAccount)/customer_lists")
            #expect(request.bodyKeys == ["list_type", "name", "records"])
            let body = try #require(request.jsonObject)
            #expect(body["records"] as? String == records.joined(separator: ","))
            #expect(body["list_type"] as? String == "EMAIL")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["authorization"] == nil)
        }
    }

    @Test("update ADD and REMOVE change the records; both are idempotent")
    func updates() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let list = try await client.createCustomerList(named: "LTV > $300", records: hashedEmails(0..<4))
            _ = try await client.updateCustomerList(id: list.id, operation: .remove, records: hashedEmails(0..<2))
            _ = try await client.updateCustomerList(id: list.id, operation: .add, records: hashedEmails(4..<6))
            _ = try await client.updateCustomerList(id: list.id, operation: .add, records: hashedEmails(4..<6))
            let after = try await client.updateCustomerList(
                id: list.id, operation: .remove, records: hashedEmails(0..<1)
            )
            #expect(await standIn.records(ofList: list.id) == Set(hashedEmails(2..<6)))
            #expect(after.numBatches == 5)
            #expect(after.numRemovedUserRecords == 3)

            let updates = await standIn.requests(to: .updateCustomerList)
            #expect(updates.map(\.operationType) == ["REMOVE", "ADD", "ADD", "REMOVE"])
            #expect(updates.allSatisfy { $0.bodyKeys == ["operation_type", "records"] && $0.method == "PATCH" })
            #expect(updates[0].records == hashedEmails(0..<2))
        }
    }

    @Test("get returns the list; READY from 100 records, TOO_SMALL below")
    func get() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let small = try await client.createCustomerList(named: "small", records: hashedEmails(0..<99))
            let big = try await client.createCustomerList(named: "big", records: hashedEmails(0..<100))
            #expect(try await client.getCustomerList(id: small.id).status == .tooSmall)
            let fetched = try await client.getCustomerList(id: big.id)
            #expect(fetched.status == .ready)
            #expect(fetched.id == big.id)
            #expect(fetched.name == "big")
        }
    }

    @Test("listing follows bookmarks across pages and returns every list in order")
    func paging() async throws {
        try await withStandIn({ $0.maxPageSize = 2 }) { standIn in
            let client = makeClient(standIn, pageSize: 250)
            var created: [String] = []
            for index in 0..<5 {
                created.append(try await client.createCustomerList(named: "list \(index)", records: ["r\(index)"]).id)
            }
            let lists = try await client.listCustomerLists()
            #expect(lists.map(\.id) == created)
            let pages = await standIn.requests(to: .listCustomerLists)
            #expect(pages.count == 3)
            #expect(pages[0].query["bookmark"] == nil)
            #expect(pages[0].query["page_size"] == "250")
            #expect(pages[1].query["bookmark"] != nil)
            #expect(pages[2].query["bookmark"] != pages[1].query["bookmark"])
        }
    }

    @Test("findCustomerList adopts an existing list of the same name, the oldest of twins")
    func find() async throws {
        try await withStandIn({ $0.maxPageSize = 1 }) { standIn in
            let client = makeClient(standIn)
            let first = await standIn.seedCustomerList(named: "Purchased 14d", records: ["a"], inAccount: testAccount)
            await standIn.seedCustomerList(named: "Other", records: ["b"], inAccount: testAccount)
            await standIn.seedCustomerList(named: "Purchased 14d", records: ["c"], inAccount: testAccount)
            await standIn.seedCustomerList(named: "Purchased 14d", records: ["d"], inAccount: "123")
            let found = try await client.findCustomerList(named: "Purchased 14d")
            #expect(found?.id == first)
            let differentCase = try await client.findCustomerList(named: "purchased 14d")
            #expect(differentCase == nil)
        }
    }

    @Test("an empty batch or a record with a comma is refused before sending")
    func refusedBeforeSending() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let empty = await #expect(throws: PinterestError.self) {
                try await client.createCustomerList(named: "x", records: [])
            }
            #expect(empty?.kind == .invalidRequest)
            let comma = await #expect(throws: PinterestError.self) {
                try await client.updateCustomerList(id: "1", operation: .add, records: ["a,b"])
            }
            #expect(comma?.attempts == 0)
            #expect(await standIn.requests().isEmpty)
        }
    }

    @Test("the stand-in records the order of calls: removals before additions stay visible")
    func order() async throws {
        try await withStandIn { standIn in
            let client = makeClient(standIn)
            let list = try await client.createCustomerList(named: "ordered", records: hashedEmails(0..<3))
            _ = try await client.updateCustomerList(id: list.id, operation: .remove, records: hashedEmails(0..<1))
            _ = try await client.updateCustomerList(id: list.id, operation: .add, records: hashedEmails(3..<4))
            let sequence = await standIn.requests().map { "\($0.method) \($0.operationType ?? "-")" }
            #expect(sequence == ["POST -", "PATCH REMOVE", "PATCH ADD"])
        }
    }
}
