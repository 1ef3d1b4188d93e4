import Foundation
import SegmentLanguage
import Store

/// Every segment file and the aliases of a segments directory, loaded and checked as a whole.
///
/// Loading never throws: what is wrong is in ``issues``, each naming its file. Errors (unknown keys, a
/// missing rule, bad YAML, a rule that does not parse, a reference to a missing segment, a reference
/// cycle, two segments for one Pinterest audience) make the catalog unusable: ``hasErrors`` is true and
/// evaluation refuses it. Warnings (an event or attribute the store has never seen, with the closest
/// known names) do not.
///
/// ```swift
/// let catalog = SegmentCatalog.load(directory: "segments", vocabulary: try StoreVocabulary(store: store))
/// for issue in catalog.issues { print(issue.rendered) }
/// ```
public struct SegmentCatalog: Sendable {
    /// Where the segments came from: the directory, or a label for built-in segments.
    public let source: String
    /// The segments that loaded, by name.
    public private(set) var segments: [String: Segment] = [:]
    /// Canonical event name → the event names that count as it (`aliases.yml`).
    public private(set) var aliases: [String: [String]] = [:]
    /// Errors and warnings, ordered by file and line.
    public private(set) var issues: [SegmentIssue] = []
    /// The store's event names and attribute keys the rules were resolved with.
    public let vocabulary: StoreVocabulary
    /// Each loaded segment's rule with its event-or-attribute words decided.
    private(set) var resolvedRules: [String: ResolvedRule] = [:]

    init(source: String, vocabulary: StoreVocabulary) {
        self.source = source
        self.vocabulary = vocabulary
    }

    /// A catalog without segments or aliases, for previewing bare rules where there is no segments directory.
    public static func empty(vocabulary: StoreVocabulary, source: String = "(no segments)") -> SegmentCatalog {
        SegmentCatalog(source: source, vocabulary: vocabulary)
    }

    /// Loads every `*.yml` file of `directory` (each a segment named after its file, except `aliases.yml`).
    public static func load(directory: String, vocabulary: StoreVocabulary) -> SegmentCatalog {
        var catalog = SegmentCatalog(source: directory, vocabulary: vocabulary)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            catalog.issues = [.missingDirectory(directory)]
            return catalog
        }
        var files: [(name: String, text: String)] = []
        for name in names where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { continue }
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                catalog.issues.append(.unreadable(path))
                continue
            }
            files.append((name, text))
        }
        catalog.add(files: files)
        return catalog
    }

    /// Loads every segment file of `directory`, resolved against what `store` has seen.
    public static func load(directory: String, store: any InspectionStore) throws -> SegmentCatalog {
        load(directory: directory, vocabulary: try StoreVocabulary(store: store))
    }

    /// Loads segment files given as (file name, text) pairs, such as the built-in example segments.
    public static func load(
        files: [(name: String, text: String)], source: String, vocabulary: StoreVocabulary
    ) -> SegmentCatalog {
        var catalog = SegmentCatalog(source: source, vocabulary: vocabulary)
        catalog.add(files: files.sorted { $0.name < $1.name })
        return catalog
    }

    /// Whether any issue is an error; such a catalog must not be evaluated.
    public var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// The segment names, sorted.
    public var names: [String] { segments.keys.sorted() }

    /// The suppression segments' names, sorted.
    public var suppressionNames: [String] { segments.values.filter(\.isSuppression).map(\.name).sorted() }

    /// The segments synced to Pinterest, sorted by name.
    public var audiences: [Segment] { segments.values.filter(\.isAudience).sorted { $0.name < $1.name } }

    /// The segment called `name`, if it loaded.
    public func segment(named name: String) -> Segment? { segments[name] }

    /// The rule of segment `name`, ready to compile.
    public func resolvedRule(named name: String) -> ResolvedRule? { resolvedRules[name] }

    /// The suppression segments that apply to the segment `name`: none for a suppression segment, every
    /// one but those it ignores for another segment, and every one for a bare rule (`name` nil).
    public func suppression(applyingTo name: String?) -> [String] {
        guard let name, let segment = segments[name] else { return suppressionNames }
        if segment.isSuppression { return [] }
        return suppressionNames.filter { !segment.ignoredSuppression.ignores($0) }
    }

    /// Checks a rule written outside the segment files (a preview's bare rule) against the store's
    /// vocabulary and the aliases.
    public func analyze(_ rule: Rule) -> RuleAnalysis {
        rule.analyze(knownEvents: vocabulary.events, knownAttributes: vocabulary.attributes, aliases: aliases)
    }

    /// Reads the files, then runs the checks that need all of them.
    private mutating func add(files: [(name: String, text: String)]) {
        let directory = source
        // Files of a directory are named with it; built-in files, whose source is a label, by name alone.
        let label = { (name: String) in
            directory.isEmpty || directory.hasPrefix("(") ? name : (directory as NSString).appendingPathComponent(name)
        }
        var marks: [String: SegmentFileReader.Result] = [:]
        for (fileName, text) in files {
            let file = label(fileName)
            if fileName == AliasesFileReader.fileName {
                let (aliases, issues) = AliasesFileReader(file: file).read(text)
                self.aliases = aliases
                self.issues += issues
                continue
            }
            guard fileName.hasSuffix(".yml") else {
                issues.append(.ignoredFile(file))
                continue
            }
            let name = String(fileName.dropLast(4))
            let result = SegmentFileReader(name: name, file: file).read(text)
            issues += result.issues
            if let segment = result.segment {
                segments[name] = segment
                marks[name] = result
            }
        }
        var checker = SegmentCatalogChecker(catalog: self, marks: marks)
        checker.checkAll()
        issues += checker.issues
        resolvedRules = checker.resolvedRules
        issues.sort { lhs, rhs in
            (lhs.file, lhs.line ?? 0, lhs.severity == .error ? 0 : 1)
                < (rhs.file, rhs.line ?? 0, rhs.severity == .error ? 0 : 1)
        }
    }
}
