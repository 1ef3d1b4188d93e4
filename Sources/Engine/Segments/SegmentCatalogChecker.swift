import SegmentLanguage

/// The checks of a ``SegmentCatalog`` that need every file: Pinterest audiences named twice,
/// `ignore_suppression` names, references to missing segments, reference cycles, each rule's semantic
/// diagnostics against the store's vocabulary, and a trial compilation.
struct SegmentCatalogChecker {
    let catalog: SegmentCatalog
    let marks: [String: SegmentFileReader.Result]
    private(set) var issues: [SegmentIssue] = []
    private(set) var resolvedRules: [String: ResolvedRule] = [:]
    /// Segments with an error of their own, left out of the trial compilation.
    private var broken: Set<String> = []

    init(catalog: SegmentCatalog, marks: [String: SegmentFileReader.Result]) {
        self.catalog = catalog
        self.marks = marks
    }

    private var names: [String] { catalog.segments.keys.sorted() }

    mutating func checkAll() {
        checkAudienceNames()
        checkIgnoredSuppression()
        checkReferences()
        checkCycles()
        analyzeRules()
        compileRules()
    }

    private mutating func checkAudienceNames() {
        var owners: [String: String] = [:]
        for name in names {
            guard let segment = catalog.segments[name], let audience = segment.audience else { continue }
            if let other = owners[audience], let otherFile = catalog.segments[other]?.file {
                let mark = marks[name]?.audienceMark
                issues.append(.duplicateAudience(segment.file, audience, other: otherFile, at: mark))
                broken.insert(name)
            } else {
                owners[audience] = name
            }
        }
    }

    private mutating func checkIgnoredSuppression() {
        for name in names {
            guard let segment = catalog.segments[name], case .only(let ignored) = segment.ignoredSuppression else {
                continue
            }
            for other in ignored {
                let mark = marks[name]?.ignoreMark
                if let target = catalog.segments[other] {
                    if !target.isSuppression { issues.append(.ignoredNotSuppression(segment.file, other, at: mark)) }
                } else {
                    let suggestions = Suggestions.closest(to: other, among: catalog.suppressionNames)
                    issues.append(.ignoredUnknown(segment.file, other, suggestions: suggestions, at: mark))
                }
            }
        }
    }

    private mutating func checkReferences() {
        for name in names {
            guard let segment = catalog.segments[name] else { continue }
            for reference in segment.rule.condition.segmentReferences where catalog.segments[reference.name] == nil {
                let location = marks[name]?.ruleMark?.locate(
                    RuleLocation(of: reference.range.lowerBound, in: segment.rule.source))
                let suggestions = Suggestions.closest(to: reference.name, among: catalog.segments.keys)
                var issue = SegmentIssue.unknownSegment(
                    segment.file, reference.name, referrer: name, suggestions: suggestions, at: nil)
                issue.line = location?.line ?? segment.ruleLine
                issue.column = location?.column
                issues.append(issue)
                broken.insert(name)
            }
        }
    }

    /// Finds each cycle of two or more segments once, reported at the file of its first name in order.
    private mutating func checkCycles() {
        var edges: [String: [String]] = [:]
        for name in names {
            edges[name] = catalog.segments[name]?.rule.references.segments.filter {
                $0 != name && catalog.segments[$0] != nil
            } ?? []
        }
        var reported: Set<[String]> = []
        var finished: Set<String> = []
        for start in names {
            var path: [String] = []
            visit(start, edges: edges, path: &path, finished: &finished, reported: &reported)
        }
    }

    private mutating func visit(
        _ name: String, edges: [String: [String]], path: inout [String], finished: inout Set<String>,
        reported: inout Set<[String]>
    ) {
        if let index = path.firstIndex(of: name) {
            let cycle = Array(path[index...])
            let first = cycle.indices.min { cycle[$0] < cycle[$1] } ?? 0
            let rotated = Array(cycle[first...] + cycle[..<first])
            if reported.insert(rotated).inserted, let head = rotated.first, let segment = catalog.segments[head] {
                issues.append(.referenceCycle(segment.file, rotated + [head], at: marks[head]?.ruleMark))
                broken.formUnion(rotated)
            }
            return
        }
        guard !finished.contains(name) else { return }
        path.append(name)
        for next in edges[name] ?? [] {
            visit(next, edges: edges, path: &path, finished: &finished, reported: &reported)
        }
        path.removeLast()
        finished.insert(name)
    }

    private mutating func analyzeRules() {
        let vocabulary = catalog.vocabulary
        for name in names {
            guard let segment = catalog.segments[name] else { continue }
            let analysis = segment.rule.analyze(
                knownEvents: vocabulary.events, knownAttributes: vocabulary.attributes, aliases: catalog.aliases)
            for diagnostic in analysis.diagnostics {
                issues.append(.ruleDiagnostic(segment.file, diagnostic, rule: segment.rule, at: marks[name]?.ruleMark))
            }
            if analysis.hasErrors { broken.insert(name) }
            resolvedRules[name] = analysis.rule
        }
    }

    /// Compiles every segment without an error of its own, to catch rules too large once their segments
    /// are inlined.
    private mutating func compileRules() {
        let compiler = SQLCompiler(dialect: SQLiteDialect())
        let rules = resolvedRules
        for name in names where !broken.contains(name) {
            guard let rule = rules[name], let segment = catalog.segments[name] else { continue }
            do {
                _ = try compiler.compile(rule, now: 0, aliases: catalog.aliases) { rules[$0] }
            } catch {
                if case .unknownSegment = error.kind { continue }
                if case .segmentCycle = error.kind { continue }
                issues.append(SegmentIssue(
                    id: SegmentIssue.ID(rawValue: "compile"), severity: .error, file: segment.file,
                    line: segment.ruleLine, message: error.description))
            }
        }
    }
}

extension Condition {
    /// Every `in segment` reference, with where it is written, in source order.
    var segmentReferences: [SegmentReference] {
        switch self {
        case .and(let operands), .or(let operands): operands.flatMap(\.segmentReferences)
        case .not(let operand): operand.segmentReferences
        case .segment(let reference): [reference]
        case .event, .aggregate, .attribute, .eventOrAttribute: []
        }
    }
}
