/// Errors of the store that are not SQLite's own.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    enum Kind: Sendable {
        case changedMigration(name: String)
        case unknownMigration(name: String)
        case notADatabase(reason: String)
        case indexRebuild(reason: String)
        case evaluationLost
        case unreadableRecord(what: String)
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

    static func indexRebuild(_ reason: String, path: String) -> StoreError {
        StoreError(kind: .indexRebuild(reason: reason), path: path)
    }

    /// An evaluation's people were taken back by a rollback before they were read.
    static func evaluationLost(path: String) -> StoreError {
        StoreError(kind: .evaluationLost, path: path)
    }

    /// A record the store wrote that does not read back (edited by hand, or damaged).
    static func unreadableRecord(_ what: String, path: String) -> StoreError {
        StoreError(kind: .unreadableRecord(what: what), path: path)
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
        case .indexRebuild(let reason):
            "what was loaded into \(path) is stored, but building its query indexes again after the bulk load "
                + "failed: \(reason); the next segsync command that opens the store builds them (queries are slow "
                + "until then); free disk space first if the disk is full"
        case .evaluationLost:
            "the segments evaluated over \(path) were taken back when a transaction around them failed; "
                + "evaluate them again (the first error is the one to fix)"
        case .unreadableRecord(let what):
            "\(path): \(what); the record was changed outside segsync or is damaged (restore the store from a "
                + "backup, or delete that row to go on without it)"
        }
    }
}
