import ArgumentParser

/// Every subcommand of `cassette`, in the order `--help` lists them. One file per subcommand.
enum CommandRegistry {
    static let subcommands: [any ParsableCommand.Type] = [
        DemoCommand.self,
        RecordCommand.self,
        EmulateCommand.self,
        ShowCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        ServeCommand.self,
        AuditCommand.self,
        HooksCommand.self,
        ValidateCommand.self,
        VerifyCommand.self,
        SynthCommand.self,
        SchemaCommand.self,
        MatchCommand.self,
    ]
}
