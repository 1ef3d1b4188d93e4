import Engine
import SegsyncTesting
import Testing

/// Loading segment files: every kind of error names its file (and line where it can), warnings carry
/// "did you mean" suggestions from what the store has seen and the aliases.
@Suite struct SegmentFileTests {
    static let vocabulary = StoreVocabulary(
        events: ["Order Completed", "Add to Cart", "Checkout Started"], attributes: ["ltv", "email"])

    private func load(_ files: [(name: String, text: String)], vocabulary: StoreVocabulary = vocabulary)
        -> SegmentCatalog
    {
        SegmentCatalog.load(files: files, source: "segments", vocabulary: vocabulary)
    }

    /// The only error of a catalog.
    private func onlyError(
        _ files: [(name: String, text: String)], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SegmentIssue {
        let catalog = load(files)
        #expect(catalog.hasErrors, sourceLocation: sourceLocation)
        #expect(catalog.issues.errors.count == 1, "\(catalog.issues)", sourceLocation: sourceLocation)
        return try #require(catalog.issues.errors.first, sourceLocation: sourceLocation)
    }

    @Test func aValidDirectoryLoads() throws {
        let directory = TemporaryDirectory()
        try directory.write("vip.yml", "description: Big spenders\nrule: LTV > $300\npinterest:\n  audience: VIPs\n")
        try directory.write("bought.yml", "rule: Purchased in last 14d\nsuppression: true\n")
        try directory.write("aliases.yml", "Purchased: [Order Completed, Purchase]\n")
        try directory.write("README.md", "not a segment")
        let catalog = SegmentCatalog.load(directory: directory.url.path, vocabulary: Self.vocabulary)
        #expect(catalog.issues.isEmpty, "\(catalog.issues)")
        #expect(catalog.names == ["bought", "vip"])
        #expect(catalog.aliases == ["Purchased": ["Order Completed", "Purchase"]])
        #expect(catalog.segment(named: "vip")?.audience == "VIPs")
        #expect(catalog.segment(named: "vip")?.description == "Big spenders")
        #expect(catalog.suppressionNames == ["bought"])
        #expect(catalog.suppression(applyingTo: "vip") == ["bought"])
        #expect(catalog.suppression(applyingTo: "bought") == [])
        #expect(catalog.suppression(applyingTo: nil) == ["bought"])
        #expect(catalog.segment(named: "vip")?.file == directory.url.path + "/vip.yml")
    }

    @Test func aMissingDirectoryIsAnError() {
        let catalog = SegmentCatalog.load(directory: "/nonexistent/segments", vocabulary: Self.vocabulary)
        #expect(catalog.hasErrors)
        #expect(catalog.issues.first?.file == "/nonexistent/segments")
    }

    @Test func badYAMLNamesFileLineAndColumn() throws {
        let issue = try onlyError([("broken.yml", "rule: X\npinterest: [unclosed\n")])
        #expect(issue.id.rawValue == "yaml-syntax")
        #expect(issue.file == "segments/broken.yml")
        #expect(issue.line != nil)
        #expect(issue.description.hasPrefix("segments/broken.yml:"))
    }

    @Test func aRuleWithMoreLinesThanItsFileIsPlacedOnItsOwnLine() throws {
        // One quoted line in the file, six lines in the rule; the unknown event is a warning on line 1.
        let catalog = load([("escaped.yml", "rule: \"Order Completed\\n\\n\\n\\n\\nOR Refundd\"\n")])
        #expect(!catalog.hasErrors, "\(catalog.issues)")
        let warning = try #require(catalog.issues.first)
        #expect(warning.file == "segments/escaped.yml")
        #expect(warning.line == 1)
        #expect(warning.message.contains("Refundd"))
    }

    @Test func aRuleStartingWithAQuoteGetsAHint() throws {
        let issue = try onlyError([("signed.yml", "rule: \"Signed In\" in last 7d\n")])
        #expect(issue.id.rawValue == "yaml-syntax")
        #expect(issue.message.contains("must be quoted as a whole"))
    }

    @Test func duplicateKeysAreAnError() throws {
        let issue = try onlyError([("twice.yml", "rule: X\nrule: Y\n")])
        #expect(issue.id.rawValue == "yaml-syntax")
        #expect(issue.message.contains("\"rule\" appears twice"))
    }

    @Test func unknownKeysAreErrorsWithSuggestions() throws {
        let issue = try onlyError([("vip.yml", "description: x\nrul: LTV > 300\nrule: LTV > 300\n")])
        #expect(issue.description == "segments/vip.yml:2:1: error: unknown key \"rul\"; did you mean \"rule\"?")
        let nested = try onlyError([("vip.yml", "rule: LTV > 300\npinterest:\n  audience: VIPs\n  adience: x\n")])
        #expect(nested.message == "unknown key \"pinterest.adience\"; did you mean \"pinterest.audience\"?")
        #expect(nested.line == 4)
    }

    @Test func aMissingRuleIsAnError() throws {
        for text in ["description: no rule here\n", "rule:\n", "rule: \"\"\n", ""] {
            let issue = try onlyError([("empty.yml", text)])
            #expect(issue.id.rawValue == "missing-rule", "\(text)")
            #expect(issue.message.hasPrefix("segment \"empty\" has no rule"))
            #expect(issue.file == "segments/empty.yml")
        }
    }

    @Test func wrongShapesAreErrors() throws {
        #expect(try onlyError([("list.yml", "- rule: X\n")]).id.rawValue == "not-a-map")
        #expect(try onlyError([("s.yml", "rule: X\nsuppression: maybe\n")]).message
            == "\"suppression\" must be true or false")
        #expect(try onlyError([("p.yml", "rule: X\npinterest: VIPs\n")]).id.rawValue == "wrong-type")
        #expect(try onlyError([("p.yml", "rule: X\npinterest: {}\n")]).id.rawValue == "wrong-type")
        #expect(try onlyError([("r.yml", "rule: [X, Y]\n")]).message == "\"rule\" must be the rule's text")
    }

    @Test func ruleSyntaxErrorsPointIntoTheFileWithACaret() throws {
        let issue = try onlyError([("cart.yml", "description: x\nrule: Add to Cart between 6h and ago\n")])
        #expect(issue.id.rawValue == "rule-syntax")
        #expect(issue.location == "segments/cart.yml:2:34")
        #expect(issue.message == "the rule does not parse: expected a duration")
        #expect(issue.detail?.contains("--> cart:1:28") == true)
        #expect(issue.detail?.contains("^") == true)
        // A literal block keeps the rule's lines, so the place is exact; a folded one points at its key.
        let literal = try onlyError([("cart.yml", "rule: |\n  Add to Cart\n  between 6h and ago\n")])
        #expect(literal.location == "segments/cart.yml:3:18")
        let folded = try onlyError([("cart.yml", "rule: >-\n  Add to Cart\n  between 6h and ago\n")])
        #expect(folded.location == "segments/cart.yml:1")
    }

    @Test func referencesToMissingSegmentsAreErrorsNamingTheFile() throws {
        let issue = try onlyError([
            ("vip.yml", "rule: LTV > 300\n"), ("a.yml", "description: x\nrule: X OR in segment vipp\n"),
        ])
        #expect(issue.id.rawValue == "unknown-segment")
        #expect(issue.description
            == "segments/a.yml:2:23: error: segment \"vipp\" does not exist (referenced by \"a\"); "
                + "did you mean \"vip\"?")
    }

    @Test func referenceCyclesAreErrorsNamingTheSegments() throws {
        let catalog = load([
            ("a.yml", "rule: in segment b\n"), ("b.yml", "rule: X AND in segment c\n"),
            ("c.yml", "rule: NOT in segment a\n"), ("d.yml", "rule: in segment a\n"),
        ])
        #expect(catalog.issues.errors.count == 1, "\(catalog.issues)")
        #expect(catalog.issues.errors.first?.description
            == "segments/a.yml:1: error: segments refer to each other in a cycle: a -> b -> c -> a")
        let selfReference = try onlyError([("a.yml", "rule: X OR in segment a\n")])
        #expect(selfReference.message == "segment \"a\" refers to itself")
    }

    @Test func ignoreSuppressionIsChecked() throws {
        let base: [(name: String, text: String)] = [
            ("bought.yml", "rule: X\nsuppression: true\n"), ("vip.yml", "rule: LTV > 300\n"),
        ]
        let ignored = load(base + [("a.yml", "rule: Y\nignore_suppression: [bought]\n")])
        #expect(ignored.issues.errors.isEmpty, "\(ignored.issues)")
        #expect(ignored.suppression(applyingTo: "a") == [])
        #expect(load(base + [("a.yml", "rule: Y\nignore_suppression: true\n")]).segment(named: "a")?
            .ignoredSuppression == .all)
        #expect(try onlyError(base + [("a.yml", "rule: Y\nignore_suppression: [bougth]\n")]).message
            == "ignore_suppression names \"bougth\", which does not exist; did you mean \"bought\"?")
        #expect(try onlyError(base + [("a.yml", "rule: Y\nignore_suppression: [vip]\n")]).message
            == "ignore_suppression names \"vip\", which is not a suppression segment")
    }

    @Test func twoSegmentsCannotShareAnAudience() throws {
        let issue = try onlyError([
            ("a.yml", "rule: X\npinterest: {audience: Same}\n"), ("b.yml", "rule: Y\npinterest: {audience: Same}\n"),
        ])
        #expect(issue.description
            == "segments/b.yml:2:12: error: two segments send to the Pinterest audience \"Same\" (also segments/a.yml)")
    }

    @Test func aliasFileErrors() throws {
        #expect(try onlyError([("aliases.yml", "- Purchased\n")]).id.rawValue == "aliases-not-a-map")
        #expect(try onlyError([("aliases.yml", "Purchased: Order Completed\n")]).message
            == "alias \"Purchased\" must be a list of event names, such as [Order Completed, Purchase]")
        let empty = load([("aliases.yml", "Purchased: []\n")])
        #expect(!empty.hasErrors)
        #expect(empty.issues.first?.severity == .warning)
    }

    @Test func unknownNamesAreWarningsWithSuggestions() throws {
        let catalog = load([
            ("aliases.yml", "Purchased: [Order Completed]\n"),
            ("a.yml", "rule: Purchsed in last 7d AND ltvv > 3 AND \"Add to Crt\"\n"),
        ])
        #expect(!catalog.hasErrors)
        let messages = catalog.issues.map(\.message)
        #expect(messages.contains("unknown event \"Purchsed\"; did you mean \"Purchased\"?"))
        #expect(messages.contains("unknown attribute \"ltvv\"; did you mean \"ltv\"?"))
        #expect(messages.contains("unknown event \"Add to Crt\"; did you mean \"Add to Cart\"?"))
        #expect(catalog.issues.allSatisfy { $0.file == "segments/a.yml" && $0.line == 1 })
        #expect(catalog.issues.first?.detail?.contains("^") == true)
    }

    @Test func yamlFilesWithTheOtherExtensionAreIgnoredWithAWarning() throws {
        let catalog = load([("a.yaml", "rule: Add to Cart\n"), ("b.yml", "rule: Add to Cart\n")])
        #expect(!catalog.hasErrors)
        #expect(catalog.names == ["b"])
        #expect(catalog.issues.map(\.id.rawValue) == ["ignored-file"])
    }

    @Test func everyBrokenFileIsReported() {
        let catalog = load([
            ("a.yml", "rul: X\n"), ("b.yml", "rule: X between\n"), ("c.yml", "rule: in segment zz\n"),
            ("d.yml", "rule: Order Completed\n"),
        ])
        #expect(Set(catalog.issues.errors.map(\.file)) == ["segments/a.yml", "segments/b.yml", "segments/c.yml"])
        #expect(catalog.issues.errors.map(\.id.rawValue)
            == ["unknown-key", "missing-rule", "rule-syntax", "unknown-segment"])
        #expect(catalog.names == ["c", "d"])
    }

    @Test func aCatalogWithErrorsCannotBeEvaluated() throws {
        let test = try TestStore()
        let catalog = load([("a.yml", "rul: X\n")])
        #expect(throws: EvaluationError.self) {
            try SegmentEvaluator(store: test.store, catalog: catalog, now: Shop.now)
        }
    }
}
