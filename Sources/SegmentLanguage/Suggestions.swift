/// "Did you mean" suggestions by edit distance, after swift-argument-parser's similarity floor.
public enum Suggestions {
    /// The most suggestions one diagnostic lists.
    public static let maximumCount = 3

    /// The known names closest to `name`, at most ``maximumCount``, all at the smallest distance found,
    /// sorted; none when nothing is close. Case is ignored when measuring, so a name that differs only
    /// in case is always suggested.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> [String] {
        let floor = min(4, max(1, name.count / 3))
        var best = Int.max
        var names: [String] = []
        let length = name.count
        for candidate in Set(candidates) where candidate != name && abs(candidate.count - length) <= floor {
            let distance = editDistance(name, candidate)
            guard distance <= floor else { continue }
            if distance < best {
                best = distance
                names = [candidate]
            } else if distance == best {
                names.append(candidate)
            }
        }
        return Array(names.sorted().prefix(maximumCount))
    }

    /// The end of a message that offers `suggestions`: `; did you mean "ltv"?`, `; did you mean "a", "b" or "c"?`;
    /// empty when there are none. Every "did you mean" of segsync is written by it.
    public static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean \(suggestions.map { "\"\($0)\"" }.joinedAsAlternatives)?"
    }

    /// The Levenshtein distance between `a` and `b`, ignoring letter case.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased())
        let b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}
