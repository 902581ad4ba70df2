public import CassetteKit
import CassetteYAML
public import Foundation

/// Which operation of an OpenAPI document to import.
public enum OperationSelector: Sendable, Hashable, CustomStringConvertible {
    /// By `operationId`.
    case operationID(String)
    /// By path and HTTP method (real documents often lack operation ids).
    case pathAndMethod(path: String, method: String)

    public var description: String {
        switch self {
        case .operationID(let id): return "operationId \(id)"
        case .pathAndMethod(let path, let method): return "\(method.uppercased()) \(path)"
        }
    }
}

/// The result of an import: a self-contained JSON Schema (draft 2020-12) and what was repaired
/// or doubtful on the way.
public struct ImportedSchema: Sendable {
    /// The schema: the response schema, with every referenced component in `$defs`.
    public let schema: JSONValue
    /// Warnings (OpenAPIKit's objections, repairs of sloppy constructs), for stderr.
    public let warnings: [String]
}

/// Imports the response schema of one operation from an OpenAPI 3.0 or 3.1 document (YAML or
/// JSON) as a self-contained JSON Schema 2020-12 document.
///
/// The parsed YAML tree is walked directly, so documents that stricter parsers refuse (a 3.0
/// schema with `type: null`, reference cycles) still import. OpenAPIKit is consulted only for
/// warnings. 3.0 specifics become 2020-12: `nullable` becomes a type union, boolean
/// `exclusiveMinimum`/`exclusiveMaximum` become numbers, `example` becomes `examples`, and
/// `#/components/schemas/X` references become `#/$defs/X`.
///
/// ```swift
/// let imported = try OpenAPISchemaImporter.importSchema(
///     text: yaml, source: "atoms-openapi.yaml", operation: .pathAndMethod(path: "/user", method: "GET"))
/// print(JSONSerializer.string(imported.schema, style: .pretty))
/// ```
public enum OpenAPISchemaImporter {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Imports from a file.
    public static func importSchema(file: URL, operation: OperationSelector, status: String = "200") throws(OpenAPIImportError)
        -> ImportedSchema
    {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw OpenAPIImportError("\(file.path): cannot read the file. Check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw OpenAPIImportError("\(file.path): not UTF-8 text; an OpenAPI document is YAML or JSON")
        }
        return try importSchema(text: text, source: file.path, operation: operation, status: status)
    }

    /// Imports from document text; `source` names it in messages.
    public static func importSchema(text: String, source: String, operation: OperationSelector, status: String = "200")
        throws(OpenAPIImportError) -> ImportedSchema
    {
        let document: JSONValue
        do {
            document = try YAMLReader.parse(text)
        } catch {
            throw OpenAPIImportError("\(source): \(error.description)")
        }
        guard let version = document["openapi"]?.stringValue ?? document["openapi"]?.numberValue?.literal else {
            let hint = document["swagger"] != nil ? " (this is Swagger 2.0: convert it to OpenAPI 3 first)" : ""
            throw OpenAPIImportError("\(source): no `openapi` version field; not an OpenAPI 3 document\(hint)")
        }
        guard version.hasPrefix("3.0") || version.hasPrefix("3.1") else {
            throw OpenAPIImportError("\(source): OpenAPI \(version) is not supported (3.0 and 3.1 are)")
        }
        let (operationValue, location) = try findOperation(operation, in: document, source: source)
        let responseSchema = try findResponseSchema(operationValue, at: location, status: status, document: document, source: source)
        var warnings = OpenAPIKitCheck.warnings(document: document, version: version)
        var converter = SchemaConverter(document: document, isOpenAPI30: version.hasPrefix("3.0"), source: source)
        let root = try converter.convertRoot(responseSchema.value, at: responseSchema.pointer)
        warnings += converter.warnings
        var object: JSONObject
        if case .object(let converted) = root {
            object = converted
        } else {
            object = JSONObject()
            object["allOf"] = .array([root])
        }
        var result = JSONObject()
        result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        result["$comment"] = .string(
            "Imported by cassette from \(URL(fileURLWithPath: source).lastPathComponent) (OpenAPI \(version)), \(operation), response \(status)."
        )
        for member in object.members where member.key != "$schema" && member.key != "$defs" { result[member.key] = member.value }
        if !converter.definitions.isEmpty { result["$defs"] = .object(converter.definitions) }
        return ImportedSchema(schema: .object(result), warnings: warnings)
    }

    private static func findOperation(_ selector: OperationSelector, in document: JSONValue, source: String) throws(OpenAPIImportError) -> (
        JSONValue, JSONPointer
    ) {
        guard case .object(let paths)? = document["paths"] else { throw OpenAPIImportError("\(source): the document has no `paths`") }
        switch selector {
        case .pathAndMethod(let path, let method):
            let name = method.lowercased()
            guard let item = paths[path] else {
                let near = paths.keys.filter { $0.hasPrefix(path) || path.hasPrefix($0) }.prefix(5)
                throw OpenAPIImportError(
                    "\(source): no path \(path) in `paths`" + (near.isEmpty ? "" : "; similar: " + near.joined(separator: ", ")))
            }
            guard let operation = item[name] else {
                let available = methods.filter { item[$0] != nil }.map { $0.uppercased() }
                throw OpenAPIImportError(
                    "\(source): \(path) has no \(method.uppercased()) operation; it has \(available.joined(separator: ", "))")
            }
            return (operation, JSONPointer(tokens: ["paths", path, name]))
        case .operationID(let id):
            for member in paths.members {
                for name in methods {
                    if let operation = member.value[name], operation["operationId"]?.stringValue == id {
                        return (operation, JSONPointer(tokens: ["paths", member.key, name]))
                    }
                }
            }
            throw OpenAPIImportError("\(source): no operation has operationId \(id); select it with --path and --method instead")
        }
    }

    private static func findResponseSchema(
        _ operation: JSONValue, at location: JSONPointer, status: String, document: JSONValue, source: String
    ) throws(OpenAPIImportError) -> (value: JSONValue, pointer: JSONPointer) {
        guard case .object(let responses)? = operation["responses"] else {
            throw OpenAPIImportError("\(source) \(location): the operation has no `responses`")
        }
        let wildcard = String(status.prefix(1)) + "XX"
        guard let key = [status, wildcard, "default"].first(where: { responses[$0] != nil }) else {
            throw OpenAPIImportError(
                "\(source) \(location): no response for status \(status); the operation documents \(responses.keys.joined(separator: ", "))"
            )
        }
        var response = responses[key] ?? .null
        var pointer = location.appending("responses").appending(key)
        var hops = 0
        while case .string(let reference)? = response["$ref"] {
            hops += 1
            guard hops < 16, reference.hasPrefix("#"), let target = JSONPointer(String(reference.dropFirst())),
                let value = document.value(at: target)
            else {
                throw OpenAPIImportError("\(source) \(pointer): the response reference \(reference) cannot be resolved in this document")
            }
            response = value
            pointer = target
        }
        guard case .object(let content)? = response["content"], !content.isEmpty else {
            throw OpenAPIImportError("\(source) \(pointer): the \(key) response has no content (no body schema to import)")
        }
        let mediaType =
            content.keys.first { $0.lowercased().hasPrefix("application/json") } ?? content.keys.first { $0.lowercased().contains("json") }
            ?? content.keys[0]
        guard let schema = content[mediaType]?["schema"] else {
            throw OpenAPIImportError("\(source) \(pointer)/content/\(mediaType): no schema")
        }
        return (schema, pointer.appending("content").appending(mediaType).appending("schema"))
    }
}
