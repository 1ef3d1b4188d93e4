import Yams

/// One YAML file composed into nodes, with helpers that turn node positions into ``FileMark``s and
/// YAML errors into ``SegmentIssue``s naming the file.
struct YAMLDocument {
    let file: String
    let text: String
    let lines: [Substring]
    /// The top node; nil for an empty file.
    let root: Node?

    /// Composes `text`; returns the issue when it is not YAML.
    static func parse(_ text: String, file: String) -> Result<YAMLDocument, SegmentIssueList> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        do {
            let root = try Yams.compose(yaml: text)
            return .success(YAMLDocument(file: file, text: text, lines: lines, root: root))
        } catch let error as YamlError {
            return .failure(SegmentIssueList([issue(for: error, file: file, lines: lines)]))
        } catch {
            return .failure(SegmentIssueList([.yamlSyntax(file, problem: "\(error)", hint: nil, at: nil)]))
        }
    }

    /// The place of `node` in the file.
    func mark(_ node: Node?) -> FileMark? {
        guard let mark = node?.mark else { return nil }
        return FileMark(line: mark.line, column: mark.column, fileLines: lines)
    }

    /// A string scalar's text; nil for null, sequences, maps, and (with `allowsOther` false) booleans and
    /// numbers.
    func string(_ node: Node, allowsOther: Bool = true) -> String? {
        guard let scalar = node.scalar, !Self.isNull(node) else { return nil }
        if !allowsOther, node.tag.rawValue != Tag.Name.str.rawValue { return nil }
        return scalar.string
    }

    /// Whether the node is YAML null (`~`, `null`, or nothing).
    static func isNull(_ node: Node) -> Bool { node.tag.rawValue == Tag.Name.null.rawValue }

    private static func issue(for error: YamlError, file: String, lines: [Substring]) -> SegmentIssue {
        func at(_ mark: Mark) -> FileMark { FileMark(line: mark.line, column: mark.column, fileLines: lines) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .yamlSyntax(file, problem: problem, hint: hint(at: mark.line, lines: lines), at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return .yamlSyntax(file, problem: "the key \(keys) appears twice", hint: nil, at: at(context.mark))
        case .reader(let problem, _, _, _):
            return .yamlSyntax(file, problem: problem, hint: nil, at: nil)
        default:
            return .yamlSyntax(file, problem: "\(error)", hint: nil, at: nil)
        }
    }

    /// Advice for the most common mistake: a rule that starts with a quoted event name, which YAML reads as
    /// a quoted string followed by stray text.
    private static func hint(at line: Int, lines: [Substring]) -> String? {
        let index = line - 1
        guard index >= 0, index < lines.count else { return nil }
        let text = lines[index].drop { $0 == " " }
        guard text.hasPrefix("rule:"), text.dropFirst(5).drop(while: { $0 == " " }).hasPrefix("\"") else {
            return nil
        }
        return "a rule that starts with a quoted event name must be quoted as a whole, "
            + "as in rule: '\"Signed In\" in last 7d', or written on the next lines after rule: >-"
    }
}

/// Issues as an error, for `Result`.
struct SegmentIssueList: Error {
    var issues: [SegmentIssue]
    init(_ issues: [SegmentIssue]) { self.issues = issues }
}
