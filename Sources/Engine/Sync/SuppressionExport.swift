import Pinterest
import Store

/// `segsync export suppression`: every person in any suppression segment at an instant, once each, with the
/// identifiers segsync holds and the names of the suppression segments that hold them.
///
/// Emails are exported hashed as Pinterest expects them (SHA-256 of the trimmed, lowercased email) and phones
/// hashed after Pinterest's normalisation (digits with the country code), unless the hashing is `.none`. Rows come
/// in person id order, streamed from the store: nothing is collected in memory.
///
/// ```swift
/// let export = SuppressionExport(store: store, catalog: catalog)
/// let summary = try export.write(at: now, format: .csv, hashing: .sha256) { line in handle.write(line) }
/// ```
public struct SuppressionExport {
    /// The file format.
    public enum Format: String, Sendable, CaseIterable {
        /// A header line, then one comma-separated line a person (RFC 4180 quoting).
        case csv
        /// One JSON object a line.
        case ndjson
    }

    /// How identifiers are written.
    public enum Hashing: String, Sendable, CaseIterable {
        /// Email and phone as SHA-256 lowercase hex, as Pinterest matches them.
        case sha256
        /// As stored.
        case none
    }

    /// What was written.
    public struct Summary: Sendable, Equatable, Encodable {
        /// People written.
        public var people: Int
        /// Per suppression segment, how many of them it holds.
        public var segments: [String: Int]
    }

    public let store: any SegmentStore
    public let catalog: SegmentCatalog

    public init(store: any SegmentStore, catalog: SegmentCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// Writes the rows to `file`, replaced only once complete (see ``OutputFile``), or to standard output
    /// when nil; returns what was written.
    public func write(at now: Int64, format: Format, hashing: Hashing, toFile file: String?) throws -> Summary {
        let output = try OutputFile(replacing: file)
        let summary = try write(at: now, format: format, hashing: hashing) { try output.write($0) }
        try output.commit()
        return summary
    }

    /// Evaluates the suppression segments at `now` and hands each output line (ending in a newline) to `emit`.
    ///
    /// - Throws: ``EvaluationError``, store errors, and what `emit` throws.
    public func write(
        at now: Int64, format: Format, hashing: Hashing, _ emit: (String) throws -> Void
    ) throws -> Summary {
        let evaluator = try SegmentEvaluator(store: store, catalog: catalog, now: now)
        let counts = try evaluator.materializeSuppression()
        let row = SuppressionRow.Layout(format: format, hashing: hashing)
        if format == .csv { try emit(row.header) }
        var people = 0
        try evaluator.forEachSuppressedPerson { person in
            try emit(row.line(person))
            people += 1
        }
        return Summary(people: people, segments: counts)
    }
}
