import ArgumentParser

/// `cassette schema ...`: JSON Schema tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "JSON Schema tools (import from OpenAPI).",
        subcommands: [SchemaImportCommand.self]
    )
}
