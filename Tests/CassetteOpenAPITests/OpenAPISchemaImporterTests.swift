import CassetteKit
import CassetteOpenAPI
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

@Suite("OpenAPI import: an operation's response schema as self-contained JSON Schema 2020-12")
struct OpenAPISchemaImporterTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Fixtures__/\(name)")
    }

    static func cassetteBody(_ provider: String) throws -> JSONValue {
        let log = try CassetteFile.read(BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz"))
        return try JSONParser.parse(log.entries[0].response.content.text ?? "")
    }

    @Test("the real Atoms document (OpenAPI 3.0, sloppy): GET /user imports and validates the Atoms cassette body")
    func atomsUser() throws {
        let imported = try OpenAPISchemaImporter.importSchema(
            file: Self.fixture("atoms-openapi.yaml"), operation: .pathAndMethod(path: "/user", method: "GET"))
        #expect(imported.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(imported.schema.value(at: JSONPointer(tokens: ["properties", "data", "properties", "userEmail", "type"])) == "string")
        #expect(imported.schema.value(at: JSONPointer(tokens: ["properties", "status", "examples"])) == [true])
        let validator = try JSONSchemaValidator(schema: imported.schema)
        let body = try Self.cassetteBody("atoms")
        #expect(validator.validate(body).isEmpty, "\(validator.validate(body))")
        var broken = body
        if case .object(var object) = broken, case .object(var data)? = object["data"] {
            data["isEmailVerified"] = "yes"
            object["data"] = .object(data)
            broken = .object(object)
        }
        #expect(validator.validate(broken).map(\.instanceLocation.description) == ["/data/isEmailVerified"])
    }

    @Test("the Unleash meSchema of seed 002 (OpenAPI 3.1): by operationId, components in $defs, validates the Unleash cassette body")
    func unleashMe() throws {
        let imported = try OpenAPISchemaImporter.importSchema(file: Self.fixture("unleash-get-me.yaml"), operation: .operationID("get-me"))
        #expect(imported.schema["$ref"] == "#/$defs/meSchema")
        let definitions = imported.schema["$defs"]?.objectValue?.keys.sorted() ?? []
        #expect(definitions == ["UserSchemaAccountType", "feedbackResponseSchema", "meSchema", "permissionSchema", "userSchema"])
        #expect(imported.schema.value(at: JSONPointer("/$defs/UserSchemaAccountType/enum")!) == ["User", "Service Account"])
        #expect(imported.warnings.contains { $0.contains("{value: X}") })
        let validator = try JSONSchemaValidator(schema: imported.schema)
        let body = try Self.cassetteBody("unleash")
        #expect(validator.validate(body).isEmpty, "\(validator.validate(body))")
        guard case .object(var object) = body, case .object(var user)? = object["user"] else {
            Issue.record("no user in the Unleash cassette")
            return
        }
        user["accountType"] = "Robot"
        object["user"] = .object(user)
        #expect(validator.validate(.object(object)).map(\.instanceLocation.description) == ["/user/accountType"])
        // The imported schema is usable by the synthesizer too.
        let variants = try FixtureSynthesizer(schema: imported.schema).variants(count: 20, strategy: .random, seed: 1)
        for variant in variants { #expect(validator.isValid(variant)) }
    }

    @Test("OpenAPI 3.0 nullable, boolean exclusive bounds, example and reference cycles are converted (JSON input)")
    func openAPI30Conversion() throws {
        let document = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/tree": {"get": {"responses": {"200": {"$ref": "#/components/responses/Tree"}}}}},
             "components": {
               "responses": {"Tree": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}},
               "schemas": {
                 "Node": {"type": "object", "required": ["name"], "properties": {
                   "name": {"type": "string", "nullable": true, "example": "root"},
                   "weight": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
                   "kind": {"type": "string", "enum": ["a", "b"], "nullable": true},
                   "parent": {"allOf": [{"$ref": "#/components/schemas/Node"}], "nullable": true},
                   "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}}}
            """
        let imported = try OpenAPISchemaImporter.importSchema(
            text: document, source: "tree.json", operation: .pathAndMethod(path: "/tree", method: "get"))
        let node = JSONPointer(tokens: ["$defs", "Node", "properties"])
        #expect(imported.schema.value(at: node.appending("name").appending("type")) == ["string", "null"])
        #expect(imported.schema.value(at: node.appending("name").appending("examples")) == ["root"])
        #expect(imported.schema.value(at: node.appending("weight").appending("exclusiveMinimum")) == 0)
        #expect(imported.schema.value(at: node.appending("weight").appending("minimum")) == nil)
        #expect(imported.schema.value(at: node.appending("kind").appending("enum")) == ["a", "b", nil])
        #expect(imported.schema.value(at: node.appending("parent").appending("anyOf")) != nil)
        let validator = try JSONSchemaValidator(schema: imported.schema)
        let valid = try JSONParser.parse(
            #"{"name": null, "kind": null, "parent": null, "children": [{"name": "x", "weight": 0.5, "children": []}]}"#)
        #expect(validator.validate(valid).isEmpty, "\(validator.validate(valid))")
        let invalid = try JSONParser.parse(#"{"name": "a", "children": [{"name": "b", "weight": 0}]}"#)
        #expect(validator.validate(invalid).map(\.instanceLocation.description) == ["/children/0/weight"])
    }

    @Test("a missing path, method or status and a Swagger 2.0 document give errors naming what exists")
    func errors() throws {
        let atoms = Self.fixture("atoms-openapi.yaml")
        #expect {
            _ = try OpenAPISchemaImporter.importSchema(file: atoms, operation: .pathAndMethod(path: "/usr", method: "GET"))
        } throws: { error in "\(error)".contains("no path /usr") }
        #expect {
            _ = try OpenAPISchemaImporter.importSchema(file: atoms, operation: .pathAndMethod(path: "/user", method: "DELETE"))
        } throws: { error in "\(error)".contains("has no DELETE operation; it has GET") }
        #expect {
            _ = try OpenAPISchemaImporter.importSchema(file: atoms, operation: .pathAndMethod(path: "/user", method: "GET"), status: "418")
        } throws: { error in "\(error)".contains("no response for status 418") }
        #expect {
            _ = try OpenAPISchemaImporter.importSchema(
                text: "swagger: '2.0'\npaths: {}\n", source: "old.yaml", operation: .operationID("x"))
        } throws: { error in "\(error)".contains("Swagger 2.0") }
    }

    @Test("OpenAPIKit's objections are warnings only with the OpenAPIKitWarnings trait; the import works either way")
    func openAPIKitWarningsFollowTheTrait() throws {
        let imported = try OpenAPISchemaImporter.importSchema(
            file: Self.fixture("atoms-openapi.yaml"), operation: .pathAndMethod(path: "/user", method: "GET"))
        let fromOpenAPIKit = imported.warnings.filter { $0.contains("OpenAPIKit does not accept") }
        #if OpenAPIKitWarnings
            #expect(!fromOpenAPIKit.isEmpty, "the sloppy Atoms document is not valid OpenAPI 3.0 for OpenAPIKit")
        #else
            #expect(fromOpenAPIKit.isEmpty, "without the trait OpenAPIKit is not built and says nothing")
        #endif
        #expect(imported.schema.objectValue != nil)
    }
}
