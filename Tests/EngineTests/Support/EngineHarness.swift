import Engine
import SegmentLanguage
import SegsyncTesting
import Testing

/// A real temporary store loaded through real ingest, segment files, and evaluation through the Engine.
struct EngineHarness {
    let test: TestStore
    var files: [(name: String, text: String)]

    var store: Store { test.store }

    /// A store holding `fixture`'s messages and then `lines`, with segments (name → rule text) and aliases
    /// written as segment files, plus any other `files`.
    init(
        _ fixture: Fixture = Fixture(), lines: [String] = [], segments: [String: String] = [:],
        aliases: [String: [String]] = [:], files: [(name: String, text: String)] = []
    ) throws {
        test = try TestStore()
        let messages = fixture.messages() + lines
        if !messages.isEmpty {
            let counts = try test.ingest(lines: messages)
            #expect(counts.rejected == 0, "the fixture's messages must all be stored")
        }
        var all = files
        for (name, rule) in segments.sorted(by: { $0.key < $1.key }) {
            all.append(("\(name).yml", "rule: \(EngineHarness.yamlQuoted(rule))\n"))
        }
        if !aliases.isEmpty {
            let lines = aliases.sorted { $0.key < $1.key }.map { name, events in
                "\(EngineHarness.yamlQuoted(name)): [\(events.map(EngineHarness.yamlQuoted).joined(separator: ", "))]"
            }
            all.append(("aliases.yml", lines.joined(separator: "\n") + "\n"))
        }
        self.files = all
    }

    /// Text as a single-quoted YAML scalar.
    static func yamlQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The segment files loaded against what the store has seen.
    func catalog() throws -> SegmentCatalog {
        SegmentCatalog.load(files: files, source: "segments", vocabulary: try StoreVocabulary(store: store))
    }

    /// Previews a rule or segment name.
    func preview(_ text: String, at now: Int64 = Shop.now, suppress: Bool = true, listMembers: Bool = true)
        throws -> PreviewResult
    {
        try SegmentPreview(store: store, catalog: catalog()).preview(
            text, at: now, suppress: suppress, listMembers: listMembers)
    }

    /// The people a rule or segment selects (before suppression), by identifier.
    func identifiers(_ text: String, at now: Int64 = Shop.now) throws -> [String] {
        try preview(text, at: now, suppress: false).members ?? []
    }

    /// The fixture people a rule or segment selects, by number (`u3` is 3).
    func members(_ text: String, at now: Int64 = Shop.now) throws -> Set<Int64> {
        Set(try identifiers(text, at: now).compactMap { Int64($0.dropFirst()) })
    }
}
