import Yams

/// Reads `segments/aliases.yml`: one top-level map from a canonical event name to the event names that
/// count as it.
///
/// ```yaml
/// Purchased: [Order Completed, Purchase]
/// Add to Cart: [Add to Cart, Product Added]
/// ```
struct AliasesFileReader {
    /// The aliases file's name in the segments directory; it is not a segment.
    static let fileName = "aliases.yml"

    let file: String

    /// The aliases, and what is wrong with the file.
    func read(_ text: String) -> (aliases: [String: [String]], issues: [SegmentIssue]) {
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .success(let parsed): document = parsed
        case .failure(let list): return ([:], list.issues)
        }
        guard let root = document.root, !YAMLDocument.isNull(root) else { return ([:], []) }
        guard let mapping = root.mapping else { return ([:], [.aliasesNotAMap(file, at: document.mark(root))]) }
        var aliases: [String: [String]] = [:]
        var issues: [SegmentIssue] = []
        for (keyNode, value) in mapping {
            guard let name = document.string(keyNode), !name.isEmpty else {
                issues.append(.aliasesNotAMap(file, at: document.mark(keyNode)))
                continue
            }
            guard let sequence = value.sequence else {
                issues.append(.aliasNotAList(file, name, at: document.mark(value) ?? document.mark(keyNode)))
                continue
            }
            var names: [String] = []
            for element in sequence {
                guard let event = document.string(element), !event.isEmpty else {
                    issues.append(.aliasNotAList(file, name, at: document.mark(element)))
                    continue
                }
                if !names.contains(event) { names.append(event) }
            }
            if names.isEmpty { issues.append(.aliasEmpty(file, name, at: document.mark(keyNode))) }
            aliases[name] = names
        }
        return (aliases, issues)
    }
}
