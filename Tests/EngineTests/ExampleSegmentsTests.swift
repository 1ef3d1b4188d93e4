@testable import Engine
import Foundation
import SegsyncTesting
import Testing

/// The example segments of `segments/`: the binary's built-in copy equals the files, they load without
/// errors, and on demo data each selects people.
@Suite struct ExampleSegmentsTests {
    /// The repository's `segments/` directory, found from this file's place in `Tests/EngineTests/`.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("segments")
    }

    static let demoVocabulary = StoreVocabulary(
        events: [
            "Product Viewed", "Add to Cart", "Product Added", "Checkout Started", "Order Completed", "Purchase",
            "Refunded", "Order Refunded", "page",
        ],
        attributes: ["email", "phone", "ltv", "first_name", "created_at", "plan", "last_order_at"])

    @Test func theBuiltInCopyEqualsTheFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        #expect(ExampleSegments.files.map(\.name) == names)
        for (name, text) in ExampleSegments.files {
            let file = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
            #expect(text == file, "Sources/Engine/Segments/ExampleSegments.swift differs from segments/\(name)")
        }
    }

    @Test func theExamplesLoadCleanAgainstTheDemoEvents() throws {
        let catalog = SegmentCatalog.load(directory: Self.directory.path, vocabulary: Self.demoVocabulary)
        #expect(catalog.issues.isEmpty, "\(catalog.issues.map(\.rendered))")
        #expect(catalog.names == [
            "cart_abandoners_0_6h", "cart_abandoners_1_3d", "cart_abandoners_4_7d", "cart_abandoners_6_24h",
            "checkout_no_purchase_24h", "checkout_not_followed_6h", "lapsed_buyers", "purchased_14d", "refunded",
            "vip_ltv_300",
        ])
        #expect(catalog.suppressionNames == ["purchased_14d", "refunded"])
        #expect(catalog.audiences.count == 8)
        #expect(catalog.audiences.allSatisfy { $0.description != nil && $0.audience != nil })
        #expect(catalog.suppression(applyingTo: "vip_ltv_300") == ["refunded"])
        #expect(catalog.aliases["Purchased"] == ["Order Completed", "Purchase"])
    }

    @Test func theDemoPreviewsEverySegment() throws {
        let directory = TemporaryDirectory("segsync-demo")
        let now: Int64 = 1_795_176_000_000
        let run = DemoRun(
            generator: DemoGenerator(people: 2_500, now: now, seed: 7), databasePath: directory.path("demo.sqlite"),
            segmentsDirectory: Self.directory.path)
        let report = try run.run()
        #expect(report.segments.map(\.name).count == 10)
        for segment in report.segments {
            #expect(segment.count > 0, "\(segment.name) selects nobody on the demo data")
            #expect(segment.matchable <= segment.count - segment.suppressed)
            if segment.suppression { #expect(segment.suppressed == 0) }
        }
        #expect(report.segments.contains { $0.suppressed > 0 })
        #expect(report.text.contains("cart_abandoners_6_24h"))
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"segments_source\""))
        #expect(json.contains("\"suppressed_by\""))
    }

    @Test func theDemoFallsBackToTheBuiltInCopy() throws {
        let run = DemoRun(generator: DemoGenerator(people: 1, now: 0), databasePath: "unused")
        let empty = TemporaryDirectory("segsync-cwd")
        let catalog = try run.loadCatalog(vocabulary: Self.demoVocabulary, fallback: empty.path("segments"))
        #expect(catalog.source == ExampleSegments.source)
        #expect(catalog.names.count == 10)
    }
}
