import Store

/// A segment's people at an instant, held by the store (``MemberSet``) while this value, or a copy, lives.
public struct MaterializedAudience {
    /// The segment's name; nil for a bare rule.
    public var segment: String?
    /// The people, before and after suppression.
    public let members: any MemberSet

    public init(segment: String?, members: any MemberSet) {
        self.segment = segment
        self.members = members
    }

    /// The counts at the instant of the evaluation.
    public var counts: AudienceCounts { members.counts }
    /// The suppression segments that were applied (empty with suppression off).
    public var appliedSuppression: [String] { members.appliedSuppression }
}
