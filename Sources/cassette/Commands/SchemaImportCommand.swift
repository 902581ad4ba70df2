import ArgumentParser
import CassetteKit
import CassetteOpenAPI
import CassetteSynth
import Foundation

/// `cassette schema import <openapi.yaml|json> (--operation ID | --path P --method M) [--status 200]`:
/// prints the response schema of one operation as a self-contained JSON Schema 2020-12 document.
struct SchemaImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Print an operation's response schema from an OpenAPI 3.0/3.1 document as JSON Schema 2020-12.",
        discussion: """
            Referenced components are carried in $defs; OpenAPI 3.0 `nullable` becomes a type union. \
            Documents OpenAPIKit refuses still import (its objections are printed as warnings on stderr). \
            The result is checked to compile in cassette's validator before it is printed.
            """
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var document: String

    @Option(help: "The operationId of the operation.")
    var operation: String?

    @Option(help: "The path of the operation (e.g. /user), with --method.")
    var path: String?

    @Option(help: "The HTTP method of the operation (e.g. GET), with --path.")
    var method: String?

    @Option(help: "The response status whose schema to import.")
    var status: String = "200"

    func run() throws {
        let selector: OperationSelector
        switch (operation, path, method) {
        case (let id?, nil, nil): selector = .operationID(id)
        case (nil, let path?, let method?): selector = .pathAndMethod(path: path, method: method)
        default:
            throw CLIFailure.usage("error: select the operation with --operation ID, or with --path P and --method M (not both)")
        }
        let imported: ImportedSchema
        do {
            imported = try OpenAPISchemaImporter.importSchema(file: URL(fileURLWithPath: document), operation: selector, status: status)
        } catch {
            throw CLIFailure.usage("error: \(error.description)")
        }
        for warning in imported.warnings { Console.error(warning.hasPrefix("warning:") ? warning : "warning: \(warning)") }
        do {
            _ = try JSONSchemaValidator(schema: imported.schema)
        } catch {
            throw CLIFailure.usage(
                "error: the imported schema does not compile: \(error.description). Please report this with the document.")
        }
        Console.outData(JSONSerializer.data(imported.schema, style: .pretty))
        Console.out("")
    }
}
