/// Errors of the store that are not SQLite's own.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    enum Kind: Sendable {
        case changedMigration(name: String)
        case unknownMigration(name: String)
        case notADatabase(reason: String)
    }

    let kind: Kind
    /// The database file concerned.
    public let path: String

    static func changedMigration(name: String, path: String) -> StoreError {
        StoreError(kind: .changedMigration(name: name), path: path)
    }

    static func unknownMigration(name: String, path: String) -> StoreError {
        StoreError(kind: .unknownMigration(name: name), path: path)
    }

    static func notADatabase(_ reason: String, path: String) -> StoreError {
        StoreError(kind: .notADatabase(reason: reason), path: path)
    }

    public var description: String {
        switch kind {
        case .changedMigration(let name):
            "migration \(name) was applied to \(path) and has changed since; "
                + "applied migrations are never edited: restore it and add a new numbered migration instead"
        case .unknownMigration(let name):
            "\(path) has migration \(name) applied, which this segsync does not know: "
                + "it was written by a newer segsync; use that version"
        case .notADatabase(let reason):
            "\(path) is not a segsync store: \(reason)"
        }
    }
}
