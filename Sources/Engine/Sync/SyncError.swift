import SegmentLanguage

/// A sync that cannot start as asked: the audiences named are not audiences.
public struct SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No segment of that name.
        case unknownAudience(String, suggestions: [String])
        /// The segment exists but has no `pinterest.audience`.
        case notAnAudience(String)
        /// The catalog holds no audience segment.
        case noAudiences(source: String)
        /// `--retire` names an audience the store never synced.
        case unknownRetired(String, suggestions: [String])
        /// `--retire` names an audience a segment still makes.
        case retiringCurrent(String)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .unknownAudience(let name, let suggestions):
            "no segment \"\(name)\"" + Suggestions.didYouMean(suggestions)
        case .notAnAudience(let name):
            "segment \"\(name)\" is not synced to Pinterest: give it a pinterest.audience name in its file"
        case .noAudiences(let source):
            "the segments in \(source) hold no audience: give a segment a pinterest.audience name to sync it"
        case .unknownRetired(let name, let suggestions):
            "--retire \(name): the store holds no audience \"\(name)\" synced before"
                + Suggestions.didYouMean(suggestions)
        case .retiringCurrent(let name):
            "--retire \(name): segment \"\(name)\" still makes it an audience; remove its pinterest.audience (or "
                + "its file) first, so that no later sync adds its people back"
        }
    }
}
