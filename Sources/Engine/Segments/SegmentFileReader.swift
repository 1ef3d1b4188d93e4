import SegmentLanguage
import Yams

/// Reads one segment file: its keys, their types, and its rule's syntax. Checks that need the other
/// files (references, cycles, audiences named twice) are the catalog's.
struct SegmentFileReader {
    /// The keys a segment file may have.
    static let keys = ["description", "ignore_suppression", "pinterest", "rule", "suppression"]
    /// The keys under `pinterest:`.
    static let pinterestKeys = ["audience"]

    /// A segment file read, with the places later checks point at.
    struct Result {
        var segment: Segment?
        var issues: [SegmentIssue] = []
        var audienceMark: FileMark?
        var ignoreMark: FileMark?
        var ruleMark: FileMark?
    }

    let name: String
    let file: String

    /// Reads the file's text.
    func read(_ text: String) -> Result {
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .success(let parsed): document = parsed
        case .failure(let list): return Result(issues: list.issues)
        }
        guard let root = document.root else {
            return Result(issues: [.missingRule(file, name, at: nil)])
        }
        guard let mapping = root.mapping else {
            return Result(issues: [.notAMap(file, at: document.mark(root))])
        }
        var result = Result()
        var ruleText: String?
        var ruleMark: FileMark?
        var description: String?
        var isSuppression = false
        var audience: String?
        var ignored = IgnoredSuppression.none
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let mark = document.mark(keyNode)
            switch key {
            case "rule":
                ruleMark = document.mark(value)
                if value.scalar == nil {
                    result.issues.append(.wrongType(file, key: key, expected: "the rule's text", at: ruleMark))
                } else if let text = document.string(value), !text.allSatisfy(\.isWhitespace) {
                    ruleText = text
                } else {
                    result.issues.append(.missingRule(file, name, at: mark))
                }
            case "description":
                description = document.string(value)
                if value.scalar == nil {
                    result.issues.append(.wrongType(file, key: key, expected: "text", at: document.mark(value)))
                }
            case "suppression":
                guard value.scalar != nil, let flag = value.bool else {
                    let mark = document.mark(value)
                    result.issues.append(.wrongType(file, key: key, expected: "true or false", at: mark))
                    continue
                }
                isSuppression = flag
            case "pinterest":
                audience = readPinterest(value, document: document, into: &result)
                result.audienceMark = document.mark(value)
            case "ignore_suppression":
                result.ignoreMark = document.mark(value)
                ignored = readIgnored(value, document: document, into: &result)
            default:
                result.issues.append(.unknownKey(file, key, allowed: Self.keys, at: mark))
            }
        }
        result.ruleMark = ruleMark
        guard let ruleText else {
            if ruleMark == nil { result.issues.append(.missingRule(file, name, at: document.mark(root))) }
            return result
        }
        let rule: Rule
        do {
            rule = try Rule.parse(ruleText, name: name)
        } catch {
            result.issues.append(.ruleSyntax(file, error, at: ruleMark))
            return result
        }
        if isSuppression, ignored != .none {
            result.issues.append(.ignoredSuppressionOnSuppression(file, at: result.ignoreMark))
        }
        guard !result.issues.contains(where: { $0.severity == .error }) else { return result }
        result.segment = Segment(
            name: name, file: file, description: description, rule: rule, ruleLine: ruleMark?.line,
            isSuppression: isSuppression, audience: audience, ignoredSuppression: ignored)
        return result
    }

    /// `pinterest: {audience: "..."}`: the audience name.
    private func readPinterest(_ value: Node, document: YAMLDocument, into result: inout Result) -> String? {
        guard let mapping = value.mapping else {
            result.issues.append(
                .wrongType(file, key: "pinterest", expected: "a map such as {audience: \"Cart abandoners\"}",
                           at: document.mark(value)))
            return nil
        }
        var audience: String?
        for (keyNode, child) in mapping {
            let key = keyNode.string ?? ""
            guard key == "audience" else {
                result.issues.append(.unknownKey(file, "pinterest." + key, allowed: ["pinterest.audience"],
                                                 at: document.mark(keyNode)))
                continue
            }
            guard let text = document.string(child), !text.allSatisfy(\.isWhitespace) else {
                result.issues.append(
                    .wrongType(file, key: "pinterest.audience", expected: "the audience's name on Pinterest",
                               at: document.mark(child) ?? document.mark(keyNode)))
                continue
            }
            audience = text
        }
        if audience == nil, !result.issues.contains(where: { $0.severity == .error }) {
            result.issues.append(
                .wrongType(file, key: "pinterest.audience", expected: "the audience's name on Pinterest",
                           at: document.mark(value)))
        }
        return audience
    }

    /// `ignore_suppression: true`, `false`, or a list of suppression segment names.
    private func readIgnored(_ value: Node, document: YAMLDocument, into result: inout Result)
        -> IgnoredSuppression
    {
        if value.scalar != nil, let flag = value.bool { return flag ? .all : .none }
        if let name = document.string(value), value.scalar != nil { return .only([name]) }
        guard let sequence = value.sequence else {
            result.issues.append(
                .wrongType(file, key: "ignore_suppression", expected: "true, or a list of suppression segment names",
                           at: document.mark(value)))
            return .none
        }
        var names: [String] = []
        for element in sequence {
            guard let name = document.string(element) else {
                result.issues.append(
                    .wrongType(file, key: "ignore_suppression", expected: "a list of suppression segment names",
                               at: document.mark(element)))
                continue
            }
            names.append(name)
        }
        return .only(names)
    }
}
