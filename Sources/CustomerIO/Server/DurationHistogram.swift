/// A Prometheus histogram of durations in seconds, with fixed bucket bounds.
struct DurationHistogram: Sendable {
    /// Upper bounds of the buckets, in seconds (the `+Inf` bucket is implicit).
    static let bounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Observations per bucket (not cumulative); the last one is `+Inf`.
    private(set) var buckets = [Int](repeating: 0, count: DurationHistogram.bounds.count + 1)
    private(set) var sum = 0.0
    private(set) var count = 0

    mutating func observe(_ seconds: Double) {
        let index = Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count
        buckets[index] += 1
        sum += seconds
        count += 1
    }

    /// The sample lines of this histogram in Prometheus text format, under `name` with `labels`
    /// (`route="/v1/batch"`, or empty).
    func lines(name: String, labels: String) -> [String] {
        let prefix = labels.isEmpty ? "" : labels + ","
        var lines: [String] = []
        var cumulative = 0
        for (index, bound) in Self.bounds.enumerated() {
            cumulative += buckets[index]
            lines.append("\(name)_bucket{\(prefix)le=\"\(Self.format(bound))\"} \(cumulative)")
        }
        lines.append("\(name)_bucket{\(prefix)le=\"+Inf\"} \(count)")
        let suffix = labels.isEmpty ? "" : "{\(labels)}"
        lines.append("\(name)_sum\(suffix) \(sum)")
        lines.append("\(name)_count\(suffix) \(count)")
        return lines
    }

    private static func format(_ bound: Double) -> String {
        bound == bound.rounded() ? String(Int(bound)) : String(bound)
    }
}
