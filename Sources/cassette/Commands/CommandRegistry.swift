import ArgumentParser

/// Every subcommand of `cassette`, in the order `--help` lists them. One file per subcommand.
enum CommandRegistry {
    static let subcommands: [any ParsableCommand.Type] = [
        ShowCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        ServeCommand.self,
    ]
}
