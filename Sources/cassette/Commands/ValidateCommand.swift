import ArgumentParser
import CassetteKit
import CassetteSynth
import Foundation

/// `cassette validate FILE... --schema <provider|schema.json>`: checks JSON documents and the
/// response bodies of cassettes against a JSON Schema (draft 2020-12). The drift check: a
/// recorded cassette that no longer fits its schema is reported field by field.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check JSON documents or cassettes' response bodies against a JSON Schema.",
        discussion: """
            FILE is a JSON document or a cassette (.har.gz, .har). In a cassette, every JSON \
            response body is checked: with a provider, bodies of status 400 and above against its \
            error schema, the others against its /me schema and the relations its x-invariants \
            declare (timestamps in order, ids that name members). Each failure is printed as \
            `FILE[#entries/N] INSTANCE-POINTER: what [schema SCHEMA-POINTER]`.
            Without --schema, a cassette is checked against the provider named in its _cassette.provider.
            Exit codes: 0 all valid, 1 located errors, 2 bad usage or unreadable input.
            """
    )

    @Argument(help: "JSON documents or cassettes to check.")
    var files: [String]

    @Option(help: "A built-in provider (atoms, unleash, wacht, zitadel) or a JSON Schema file.")
    var schema: String?

    @Option(help: "A JSON Schema file for error bodies (status 400 and above) when --schema is a file.")
    var errorSchema: String?

    @Flag(name: .customLong("error"), help: "Check plain JSON documents against the provider's error schema instead of its /me schema.")
    var errorBody = false

    @Option(help: "Refuse cassettes whose decompressed size exceeds this many MiB.")
    var maxSize: Int = 64

    func run() throws {
        guard !files.isEmpty else {
            throw CLIFailure.usage("error: no FILE given. Usage: cassette validate FILE... --schema <provider|schema.json>")
        }
        let explicit = try schema.map { try Self.checker(for: $0, errorSchema: errorSchema) }
        var invalidFiles = 0
        var unreadable = 0
        for file in files {
            switch check(file, explicit: explicit) {
            case .valid: break
            case .invalid: invalidFiles += 1
            case .unreadable: unreadable += 1
            }
        }
        if unreadable > 0 {
            throw CLIFailure.usage("error: \(unreadable) of \(files.count) file(s) could not be checked (see above)")
        }
        if invalidFiles > 0 {
            throw CLIFailure.finding("\(invalidFiles) of \(files.count) file(s) do not match the schema")
        }
    }

    private enum FileOutcome { case valid, invalid, unreadable }

    private func check(_ file: String, explicit: CassetteConformance?) -> FileOutcome {
        let url = URL(fileURLWithPath: file)
        let document: JSONValue
        do {
            let data = try CassetteFile.readBytes(url, limit: maxSize * 1024 * 1024)
            let json = try CassetteFile.decompressIfNeeded(data, path: file, limit: maxSize * 1024 * 1024)
            do {
                document = try JSONParser.parse(json)
            } catch {
                throw CassetteError.invalidJSON(path: file, detail: error.description)
            }
        } catch {
            Console.error("error: \(error)")
            return .unreadable
        }
        if Self.isHAR(document) {
            return checkCassette(document, file: file, explicit: explicit)
        }
        guard let explicit else {
            Console.error(
                "error: \(file) is a plain JSON document; say which schema to check it against with --schema <provider|schema.json>")
            return .unreadable
        }
        let validator = errorBody ? (explicit.failure ?? explicit.success) : explicit.success
        var errors = validator.validate(document)
        if !errorBody { errors += explicit.invariants.violations(in: document).map(\.validationError) }
        if errors.isEmpty {
            Console.out("\(file): valid")
            return .valid
        }
        for failure in errors { Console.out("\(file) \(failure)") }
        return .invalid
    }

    private func checkCassette(_ document: JSONValue, file: String, explicit: CassetteConformance?) -> FileOutcome {
        let log: HAR.Log
        do {
            log = try CassetteFile.decodeDocument(document, path: file)
        } catch {
            Console.error("error: \(error)")
            return .unreadable
        }
        let checker: CassetteConformance
        if let explicit {
            checker = explicit
        } else if let provider = log.cassette?.provider, ProviderSchemas.builtInProviders.contains(provider) {
            do {
                checker = try Self.checker(for: provider, errorSchema: nil)
            } catch {
                Console.error("error: \(error)")
                return .unreadable
            }
        } else {
            Console.error("error: \(file) names no built-in provider in _cassette.provider; pass --schema <provider|schema.json>")
            return .unreadable
        }
        var findings = 0
        var checked = 0
        for result in checker.check(log) {
            let place =
                "\(file)#/log/entries/\(result.index) (\(SafeDisplay.text(result.request)) → \(result.status), \(result.schemaRole) schema)"
            switch result.outcome {
            case .valid:
                checked += 1
            case .invalid(let errors):
                checked += 1
                findings += 1
                for failure in errors { Console.out("\(place) \(failure)") }
            case .unparsable(let reason):
                findings += 1
                Console.out("\(place): \(SafeDisplay.text(reason))")
            case .skipped(let reason):
                Console.error("note: \(place) not checked: \(SafeDisplay.text(reason))")
            }
        }
        if findings == 0 {
            Console.out("\(file): valid (\(checked) of \(log.entries.count) response bodies checked)")
            return .valid
        }
        return .invalid
    }

    /// Whether a document is a HAR log (`{"log": {"entries": [...]}}`).
    static func isHAR(_ document: JSONValue) -> Bool {
        if case .array? = document.value(at: JSONPointer(tokens: ["log", "entries"])) { return true }
        return false
    }

    /// The checker for `--schema`: a built-in provider's two schemas, or a schema file.
    static func checker(for schema: String, errorSchema: String?) throws(CLIFailure) -> CassetteConformance {
        if ProviderSchemas.builtInProviders.contains(schema) {
            do {
                return CassetteConformance(provider: try ProviderValidators(provider: schema))
            } catch {
                throw CLIFailure.usage("error: \(error.description)")
            }
        }
        guard schema.hasSuffix(".json") || FileManager.default.fileExists(atPath: schema) else {
            throw CLIFailure.usage(
                "error: --schema \(SafeDisplay.text(schema)) is neither a built-in provider (\(ProviderSchemas.builtInProviders.joined(separator: ", "))) nor a schema file"
            )
        }
        let success = try SchemaFile.load(schema)
        let failure = try errorSchema.map { path throws(CLIFailure) in try SchemaFile.load(path) }
        return CassetteConformance(success: success, failure: failure, invariants: try SchemaFile.invariants(schema))
    }
}

/// Loads a JSON Schema file for the CLI, with errors in the exit-code contract.
enum SchemaFile {
    /// The invariants (`x-invariants`) a schema file declares.
    static func invariants(_ path: String) throws(CLIFailure) -> InvariantChecker {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(data) else {
            throw CLIFailure.usage("error: \(path): cannot read the schema file. Check the path.")
        }
        do {
            return try InvariantChecker(schema: value)
        } catch {
            throw CLIFailure.usage("error: \(path): bad x-invariants entry at \(error.description)")
        }
    }

    static func load(_ path: String) throws(CLIFailure) -> JSONSchemaValidator {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CLIFailure.usage("error: \(path): cannot read the schema file. Check the path.")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            throw CLIFailure.usage("error: \(path): the schema is not valid JSON (\(error.description))")
        }
        do {
            return try JSONSchemaValidator(schema: value, baseURI: url.standardizedFileURL.absoluteString)
        } catch {
            throw CLIFailure.usage("error: \(path): the schema does not compile: \(error.description)")
        }
    }
}
