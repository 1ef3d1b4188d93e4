import SegmentLanguage

/// A place in a segment file (1-based line and column), and the file's lines, so that a place in a rule
/// can be turned into a place in the file.
struct FileMark: Sendable {
    var line: Int
    var column: Int
    /// The lines of the whole file.
    var fileLines: [Substring]

    init(line: Int, column: Int, fileLines: [Substring]) {
        self.line = line
        self.column = column
        self.fileLines = fileLines
    }

    /// The place in the file of `location` in the rule that starts here: the rule's line is looked for
    /// from the corresponding file line on (a quoted or block scalar may start a line later); when it is
    /// not found, as for a folded rule, the rule's own line and no column.
    func locate(_ location: RuleLocation) -> (line: Int, column: Int?) {
        let first = line - 1 + (location.line - 1)
        let needle = location.lineText
        // A rule can hold more lines than its file (`"X\n\nAND Y"` in one quoted line): then there is no range.
        let end = min(first + 3, fileLines.count)
        if !needle.isEmpty, first < end {
            for index in max(first, 0)..<end {
                let text = fileLines[index]
                guard let range = text.range(of: needle) else { continue }
                let before = text[text.startIndex..<range.lowerBound].count
                return (index + 1, before + location.column)
            }
        }
        return (line, nil)
    }
}

extension Substring {
    /// The first range of `needle` in the text (no Foundation needed).
    fileprivate func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<(index(start, offsetBy: needle.count))
            }
            start = index(after: start)
        }
        return nil
    }
}
