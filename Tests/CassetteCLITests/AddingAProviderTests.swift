import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// A fifth provider from files alone: a profile and two schemas dropped into a copy of the
/// provider folder (pointed at by `CASSETTE_RESOURCES`), no code change. The built `cassette`
/// records it from a loopback service, synthesizes it, validates and audits both. The article
/// `AddingAProvider.md` (CassetteKit's documentation) walks through these same steps.
@Suite("Adding a provider: a profile and its schemas are all it takes")
struct AddingAProviderTests {
    static let profile = #"""
        {
          "name": "acme",
          "displayName": "Acme Accounts",
          "request": { "method": "GET", "path": "/v1/whoami", "headers": { "Accept": "application/json" } },
          "credential": { "type": "header", "header": "X-Acme-Key", "env": "ACME_API_KEY" },
          "baseURL": null,
          "response": {
            "contentType": "application/json",
            "errorStatuses": [401],
            "schema": "acme.me.schema.json",
            "errorSchema": "acme.error.schema.json"
          },
          "secretFields": ["/account/badgeCode"],
          "personalFields": ["/account/email", "/account/displayName"]
        }
        """#

    static let meSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Acme: GET /v1/whoami (200)",
          "type": "object",
          "additionalProperties": false,
          "required": ["account"],
          "properties": {
            "account": {
              "type": "object",
              "additionalProperties": false,
              "required": ["id", "email", "plan", "badgeCode"],
              "properties": {
                "id": { "type": "string", "minLength": 1 },
                "email": { "type": "string", "format": "email", "x-pii": "email" },
                "displayName": { "type": "string", "x-pii": "name" },
                "plan": { "enum": ["free", "team", "enterprise"] },
                "seats": { "type": "integer", "minimum": 1, "maximum": 500 },
                "badgeCode": { "type": "string", "x-secret": true }
              }
            }
          }
        }
        """#

    static let errorSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Acme: error bodies (401)",
          "type": "object",
          "required": ["error", "message"],
          "properties": { "error": { "type": "string" }, "message": { "type": "string" } },
          "x-statuses": { "401": { "error": "unauthorized", "message": "Invalid API key." } }
        }
        """#

    /// A copy of the built-in provider folder with the `acme` files added.
    static func providerFolder(in folder: TemporaryDirectory) throws -> URL {
        let builtIn = try #require(ProviderResources.directory)
        let providers = folder.file("providers")
        try FileManager.default.copyItem(at: builtIn, to: providers)
        try Data(profile.utf8).write(to: providers.appendingPathComponent("acme.profile.json"))
        try Data(meSchema.utf8).write(to: providers.appendingPathComponent("acme.me.schema.json"))
        try Data(errorSchema.utf8).write(to: providers.appendingPathComponent("acme.error.schema.json"))
        return providers
    }

    /// The Acme service: `/v1/whoami` with the right key answers the account, anything else 401.
    static func service(key: String, badgeCode: String) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            guard request.target == "/v1/whoami", request.header("X-Acme-Key") == key else {
                return .json(#"{"error":"unauthorized","message":"Invalid API key."}"#, status: 401)
            }
            return .json(
                #"{"account":{"id":"acct_7f3a","email":"ada@example.com","displayName":"Ada Lovelace","plan":"team","seats":5,"badgeCode":"\#(badgeCode)"}}"#
            )
        }
    }

    @Test("record, synthesize, validate and audit a provider defined by files alone")
    func fifthProvider() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let providers = try Self.providerFolder(in: folder)
        let key = RandomSecret.base64url(40)
        let badgeCode = RandomSecret.base64url(32)
        let server = try Self.service(key: key, badgeCode: badgeCode)
        defer { server.stop() }
        let environment: [String: String?] = ["CASSETTE_RESOURCES": providers.path]

        // Record: the credential comes from the profile's variable, the secret field from the schema.
        let recorded = folder.file("Cassettes/acme/me.har.gz")
        let record = try await runCassetteAsync(
            ["record", "acme", "--base-url", server.baseURL, "--output", recorded.path],
            environment: environment.merging(["ACME_API_KEY": key]) { $1 })
        #expect(record.status == 0, "record failed")
        #expect(record.stderr.contains("HTTP 200"))
        #expect(server.requests.first?.header("X-Acme-Key") == key, "the profile placed the credential")
        let text = try IndependentReader.decompressedText(recorded)
        #expect(!SecretTraces.found(key, in: text), "the credential reached the cassette")
        #expect(!SecretTraces.found(badgeCode, in: text), "the x-secret field reached the cassette")
        let log = try CassetteFile.read(recorded)
        #expect(log.cassette?.provider == "acme")
        #expect(log.entries.first?.request.url == server.baseURL + "/v1/whoami")

        // Synthesize: success bodies and the 401 the error schema lists, as replayable cassettes.
        let synthesized = folder.file("synth")
        let synth = try await runCassetteAsync(
            ["synth", "acme", "--strategy", "edge", "--output", synthesized.path, "--as", "cassette"], environment: environment)
        #expect(synth.status == 0, "synth failed: \(synth.stderr)")
        let errors = try await runCassetteAsync(
            ["synth", "acme", "--error", "--count", "2", "--output", folder.file("synth-errors").path, "--as", "cassette"],
            environment: environment)
        #expect(errors.status == 0, "synth --error failed: \(errors.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: synthesized.path).map {
            synthesized.appendingPathComponent($0).path
        }
        let errorFiles = try FileManager.default.contentsOfDirectory(atPath: folder.file("synth-errors").path)
            .map { folder.file("synth-errors").appendingPathComponent($0).path }
        #expect(!files.isEmpty && !errorFiles.isEmpty)
        let errorLog = try CassetteFile.read(URL(fileURLWithPath: try #require(errorFiles.sorted().first)))
        #expect(errorLog.entries.first?.response.status == 401)
        #expect(errorLog.entries.first?.request.url == "https://acme.example.com/v1/whoami")

        // Validate: the recorded and the synthesized cassettes against the provider's schemas.
        let validate = try await runCassetteAsync(
            ["validate", "--schema", "acme", recorded.path] + files + errorFiles, environment: environment)
        #expect(validate.status == 0, "validate failed: \(validate.stdout) \(validate.stderr)")

        // Audit: nothing secret in any of them.
        let audit = try await runCassetteAsync(
            ["audit", recorded.path, synthesized.path, folder.file("synth-errors").path], environment: environment)
        #expect(audit.status == 0, "audit found something: \(audit.stdout)")
    }

    @Test("the built-in provider list is the profile files in the provider folder")
    func listFollowsTheFolder() throws {
        let folder = try #require(ProviderResources.directory)
        let profiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".profile.json") }
        #expect(ProviderSchemas.builtInProviders == profiles.map { String($0.dropLast(".profile.json".count)) }.sorted())
        #expect(try ProviderCatalog.builtIn().names == ProviderSchemas.builtInProviders)
    }
}
