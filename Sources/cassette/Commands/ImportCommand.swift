import ArgumentParser
import CassetteImport
import CassetteKit
import Foundation

/// `cassette import FILE... --from har|vcrpy|vcr --output CASSETTE`: cassettes of other tools
/// into redacted cassettes.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import HAR, vcrpy or Ruby VCR cassettes into a redacted cassette.",
        discussion: """
            Every interaction goes through the same redaction and fail-closed check as recording: \
            if a secret would survive, nothing is written. Gzip- and base64-encoded bodies are decoded.
            """
    )

    @Argument(help: "Input files (HAR, vcrpy YAML/JSON, Ruby VCR YAML/JSON).")
    var files: [String]

    @Option(help: "Input format: har, vcrpy or vcr.")
    var from: String

    @Option(help: "The cassette to write (.har.gz).")
    var output: String

    @Option(help: "Provider profile whose schema annotations add redaction rules (atoms, unleash, wacht, zitadel).")
    var provider: String?

    @Option(
        name: .customLong("secret-env"),
        help: "An environment variable holding a secret known to be in the files (repeatable); it is searched for in every encoding.")
    var secretEnvironmentVariables: [String] = []

    @Flag(
        help:
            "Keep a body no redaction reader understands (an image, application/octet-stream, an unknown Content-Encoding) after the value rules and the leak check, instead of refusing to write."
    )
    var allowOpaqueBody = false

    @Flag(help: "Replace the output cassette if it exists.")
    var force = false

    func run() throws {
        guard let format = ImportFormat(rawValue: from.lowercased()) else {
            throw CLIFailure.usage(
                "error: --from \(SafeDisplay.text(from)) is not a known format. Use one of: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        let outputURL = URL(fileURLWithPath: output)
        if FileManager.default.fileExists(atPath: outputURL.path), !force {
            throw CLIFailure.usage("error: \(output) exists. Pass --force to replace it, or choose another --output.")
        }
        var knownSecrets: [String] = []
        for name in secretEnvironmentVariables {
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw CLIFailure.usage(
                    "error: --secret-env \(SafeDisplay.text(name)): the variable is not set or empty. Export it, or drop the option.")
            }
            knownSecrets.append(value)
        }
        let importer = CassetteImporter(
            format: format, policy: RedactionPolicy(knownSecrets: knownSecrets, provider: provider, allowOpaqueBodies: allowOpaqueBody))
        let log: HAR.Log
        do {
            log = try importer.importCassette(from: files.map { URL(fileURLWithPath: $0) })
        } catch let error as ImportError {
            throw CLIFailure.usage("error: \(error.description)")
        } catch let error as UnsafeCassetteError {
            throw CLIFailure.finding("error: \(SafeDisplay.location(error.description))")
        }
        try CassetteFile.write(log, to: outputURL)
        let redacted = log.cassette?.redaction.items.count ?? 0
        Console.error(
            "imported \(log.entries.count) interaction(s) from \(files.count) file(s) into \(output); \(redacted) value(s) redacted")
    }
}
