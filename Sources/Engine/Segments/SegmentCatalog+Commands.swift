import Foundation

extension SegmentCatalog {
    /// The segments directory a command reads when it is given none: `./segments`.
    public static let defaultDirectory = "segments"

    /// What a command evaluates with when it is given no directory and `./segments` does not exist.
    public enum WhenMissing: Sendable {
        /// No segments (bare rules still preview, with no suppression segment).
        case noSegments
        /// The built-in copy of the example segments (the demo's).
        case examples
    }

    /// The catalog a command evaluates with: `directory` when given (one that does not exist is an issue of
    /// the catalog); else `fallback` (``defaultDirectory``) when it exists (for the examples: when it is a
    /// directory); else what `whenMissing` says.
    public static func forCommand(
        directory: String?, vocabulary: StoreVocabulary, whenMissing: WhenMissing,
        fallback: String = defaultDirectory
    ) -> SegmentCatalog {
        var isDirectory: ObjCBool = false
        if let directory {
            return load(directory: directory, vocabulary: vocabulary)
        }
        // A `segments` that is a file is the catalog's error for a command; the demo then uses its examples.
        if FileManager.default.fileExists(atPath: fallback, isDirectory: &isDirectory),
            isDirectory.boolValue || whenMissing == .noSegments
        {
            return load(directory: fallback, vocabulary: vocabulary)
        }
        switch whenMissing {
        case .noSegments:
            return empty(vocabulary: vocabulary)
        case .examples:
            return load(files: ExampleSegments.files, source: ExampleSegments.source, vocabulary: vocabulary)
        }
    }

    /// The catalog itself when it has no error.
    ///
    /// - Throws: ``EvaluationError`` (`catalogHasErrors`, with how many) when it has any; its
    ///   `issues.errors` say which.
    public func checked() throws -> SegmentCatalog {
        guard !hasErrors else {
            throw EvaluationError(.catalogHasErrors(source: source, errors: issues.errors.count))
        }
        return self
    }
}
