import Store

/// `segsync preview --all` (for the benchmark): every segment's counts in one evaluation, and the time it took.
///
/// ```json
/// {"as_of": "2026-11-29T12:00:00Z", "elapsed_ms": 388, "segments": [{"segment": "vip_ltv_300", "count": 912, ...}]}
/// ```
public struct PreviewAllReport: Sendable, Encodable {
    /// The evaluation instant (ms).
    public var asOf: Int64
    /// The whole evaluation, in milliseconds.
    public var elapsedMilliseconds: Int
    /// Each segment's preview, in name order.
    public var segments: [PreviewResult]

    enum CodingKeys: String, CodingKey {
        case segments
        case asOf = "as_of"
        case elapsedMilliseconds = "elapsed_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Timestamp.format(asOf), forKey: .asOf)
        try container.encode(elapsedMilliseconds, forKey: .elapsedMilliseconds)
        try container.encode(segments, forKey: .segments)
    }

    /// A line per segment, then the total.
    public var text: String {
        let lines = segments.map { result in
            let counts = result.counts
            return "\(result.segment ?? result.rule): count \(counts.count), suppressed \(counts.suppressed), "
                + "matchable \(counts.matchable), \(result.elapsedMilliseconds) ms"
        }
        return (lines + ["all \(segments.count) segments evaluated in \(elapsedMilliseconds) ms"]).joined(separator: "\n")
    }
}
