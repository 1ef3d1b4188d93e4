import ArgumentParser

extension Segsync {
    /// Every subcommand, in the order `segsync --help` lists them.
    static let subcommandTypes: [any ParsableCommand.Type] = [
        Ingest.self,
        Demo.self,
        Preview.self,
        Check.self,
        Plan.self,
        Sync.self,
        History.self,
        Export.self,
        Conversions.self,
        Serve.self,
        Inspect.self,
    ]
}
