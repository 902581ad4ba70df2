import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette schema import: OpenAPI response schemas as JSON Schema 2020-12")
struct SchemaImportCommandTests {
    static let atoms = BuiltProducts.packageRoot().appendingPathComponent("Tests/CassetteOpenAPITests/__Fixtures__/atoms-openapi.yaml")

    @Test("Atoms GET /user: prints a schema that cassette validate then applies to the Atoms cassette")
    func importThenValidate() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ProcessRunner.run(
            BuiltProducts.cassette, ["schema", "import", Self.atoms.path, "--path", "/user", "--method", "GET"])
        #expect(result.status == 0, "\(result.stderr)")
        let schema = try JSONParser.parse(result.stdoutData)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        let file = folder.file("atoms-user.schema.json")
        try result.stdoutData.write(to: file)
        let cassette = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/atoms/me.har.gz")
        let validated = try ProcessRunner.run(BuiltProducts.cassette, ["validate", cassette.path, "--schema", file.path])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    @Test("selecting no operation, or an unknown one, exits 2 with the reason")
    func badSelection() throws {
        let none = try ProcessRunner.run(BuiltProducts.cassette, ["schema", "import", Self.atoms.path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--operation"))
        let unknown = try ProcessRunner.run(BuiltProducts.cassette, ["schema", "import", Self.atoms.path, "--operation", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no operation has operationId nope"))
    }
}
