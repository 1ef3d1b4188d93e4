import Foundation

/// How a sync batches and guards: the batch size, the staleness limit, which audiences.
///
/// ```swift
/// var settings = try SyncSettings.fromEnvironment()      // SEGSYNC_BATCH_SIZE, default 1000
/// settings.maxStaleness = try SyncDuration(parsing: "6h")
/// ```
public struct SyncSettings: Sendable, Equatable {
    /// The default batch size: records per customer list call.
    public static let defaultBatchSize = 1000
    /// The default staleness limit.
    public static let defaultMaxStaleness = SyncDuration(milliseconds: 86_400_000, text: "24h")
    /// An audience with fewer members is reported with a `TOO_SMALL` warning: Pinterest serves none under 100.
    public static let minimumServedSize = 100

    /// Records per customer list call (`SEGSYNC_BATCH_SIZE`).
    public var batchSize: Int
    /// How old the newest stored event may be at the evaluation instant; nil turns the guard off.
    public var maxStaleness: SyncDuration?
    /// The audience segments to plan or sync, by segment name; empty for every one.
    public var audiences: [String]
    /// Audiences synced before that no segment makes an audience any more, to retire: every person segsync sent
    /// is removed from the list, and then the store forgets the audience (`--retire`).
    public var retire: [String] = []

    public init(
        batchSize: Int = SyncSettings.defaultBatchSize,
        maxStaleness: SyncDuration? = SyncSettings.defaultMaxStaleness,
        audiences: [String] = []
    ) {
        precondition(batchSize >= 1, "a batch holds at least one record")
        self.batchSize = batchSize
        self.maxStaleness = maxStaleness
        self.audiences = audiences
    }

    /// The settings with the batch size from `SEGSYNC_BATCH_SIZE` when it is set.
    ///
    /// - Throws: ``SyncSettingsError`` when the variable is not a whole number from 1 to 100,000.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SyncSettingsError) -> SyncSettings {
        guard let text = environment["SEGSYNC_BATCH_SIZE"], !text.isEmpty else { return SyncSettings() }
        guard let size = Int(text.trimmingCharacters(in: .whitespaces)), (1...100_000).contains(size) else {
            throw SyncSettingsError(variable: "SEGSYNC_BATCH_SIZE", problem: "must be a whole number from 1 to 100000")
        }
        return SyncSettings(batchSize: size)
    }
}

/// A sync setting from the environment that cannot be used; names the variable, what is wrong and how to fix it.
public struct SyncSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var problem: String

    public var description: String { "\(variable) \(problem); unset it for the default" }
}
