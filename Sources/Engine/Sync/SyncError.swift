/// A sync that cannot start as asked: the audiences named are not audiences.
public struct SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No segment of that name.
        case unknownAudience(String, suggestions: [String])
        /// The segment exists but has no `pinterest.audience`.
        case notAnAudience(String)
        /// The catalog holds no audience segment.
        case noAudiences(source: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unknownAudience(let name, let suggestions):
            "no segment \"\(name)\""
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }
                    .joined(separator: " or ") + "?")
        case .notAnAudience(let name):
            "segment \"\(name)\" is not synced to Pinterest: give it a pinterest.audience name in its file"
        case .noAudiences(let source):
            "the segments in \(source) hold no audience: give a segment a pinterest.audience name to sync it"
        }
    }
}
