/// The reserved words of the rule language. They match case-insensitively (`AND`, `and`, `And`).
///
/// An event name that contains one of them must be quoted: `"Signed In"`.
public enum Keyword: String, CaseIterable, Sendable {
    case after, ago, and, at, avg, before, between, by, contains, count, ever, exactly
    case `false`, followed, `in`, `is`, last, least, less, max, min, more, most, not, of
    case or, segment, set, since, sum, than, the, times, `true`, `where`, within

    private static let byLowercasedText: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) }
    )

    /// The keyword spelled by `word` in any letter case, or `nil`.
    public init?(word: some StringProtocol) {
        guard word.utf8.count <= 8, let keyword = Keyword.byLowercasedText[word.lowercased()] else { return nil }
        self = keyword
    }

    /// How diagnostics spell the keyword when they ask for it: upper case, `LAST`.
    var displayName: String { rawValue.uppercased() }
}
