import Store

extension SegmentEvaluator {
    /// The people the audience's rule selects, before suppression, each by `userId` or else the first
    /// `anonymousId`: sorted by UTF-8 byte order, each once.
    public func memberIdentifiers(of audience: MaterializedAudience) throws -> [String] {
        try audience.members.identifiers()
    }

    /// Calls `body` for each person of the audience in person id order: the members after suppression,
    /// and with `includingSuppressed` the suppressed people too (``AudienceMember/isSuppressed`` tells).
    public func forEachMember(
        of audience: MaterializedAudience, includingSuppressed: Bool = false, _ body: (AudienceMember) throws -> Void
    ) throws {
        try audience.members.forEachMember(includingSuppressed: includingSuppressed, body)
    }

    /// The suppression segments that hold each suppressed person of the audience, by person id.
    public func suppressionAttribution(of audience: MaterializedAudience) throws -> [Int64: [String]] {
        try audience.members.suppressionAttribution()
    }
}
