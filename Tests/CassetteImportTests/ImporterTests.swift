import CassetteImport
import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

@Suite("Import of other tools' cassettes")
struct ImporterTests {
    @Test("a vcrpy YAML cassette becomes a redacted cassette with the same interaction")
    func vcrpyYAML() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let token = RandomSecret.zitadelOpaqueToken()
        let input = try directory.write(ImportFixtures.vcrpyYAML(token: token), to: "zitadel.yaml")

        let log = try CassetteImporter(format: .vcrpy, policy: RedactionPolicy(provider: "zitadel")).importCassette(from: [input])

        #expect(log.entries.count == 1)
        let entry = try #require(log.entries.first)
        #expect(entry.request.method == "GET")
        #expect(entry.request.url == "https://zitadel.example.com/auth/v1/users/me?details=true")
        #expect(entry.request.queryString == [HAR.NameValue(name: "details", value: "true")])
        #expect(entry.response.status == 200)
        #expect(entry.response.content.mimeType == "application/json")
        let body = try JSONParser.parse(Data(try #require(entry.response.content.text).utf8))
        #expect(body.value(at: JSONPointer(tokens: ["user", "state"])) == .string("USER_STATE_ACTIVE"))
        #expect(log.cassette?.source == "import")
        let bytes = CassetteFile.encodeJSON(log)
        #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "the credential survived the import")
        #expect(entry.request.headers.value(named: "Authorization")?.hasPrefix("Bearer ") == true)
    }

    @Test("a gzip body stored as !!binary is decoded and its headers made consistent")
    func vcrpyGzipBinary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let body = Data(#"{"id":7,"name":"Ada","email":"ada@example.com","isAPI":false}"#.utf8)
        let input = try directory.write(try ImportFixtures.vcrpyGzipYAML(token: RandomSecret.unleashPAT(), body: body), to: "unleash.yaml")

        let entries = try CassetteImporter(format: .vcrpy).interactions(from: [input])

        let entry = try #require(entries.first)
        #expect(entry.response.content.bodyData == body)
        #expect(entry.response.headers.value(named: "Content-Encoding") == nil)
        #expect(entry.response.content.mimeType == "application/json; charset=utf-8")
    }

    @Test("a Ruby VCR cassette with a base64 body and a session cookie")
    func rubyVCR() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = RandomSecret.jwt(algorithm: "RS256", claims: ["sess": "sess_" + RandomSecret.alphanumeric(12)])
        let body = Data(#"{"id":"123","first_name":"Ada","has_profile_picture":false}"#.utf8)
        let input = try directory.write(ImportFixtures.rubyVCRYAML(session: session, body: body), to: "wacht.yml")

        let log = try CassetteImporter(format: .vcr, policy: RedactionPolicy(provider: "wacht")).importCassette(from: [input])

        let entry = try #require(log.entries.first)
        #expect(entry.request.method == "GET")
        #expect(entry.response.httpVersion == "HTTP/1.1")
        #expect(entry.startedDateTime == "2022-11-01T10:00:00.000Z")
        #expect(entry.response.content.bodyData == body)
        #expect(entry.request.cookies.map(\.name) == ["__session"])
        #expect(!String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self).contains(session))
    }

    @Test("a devtools HAR is imported and replays through the URLProtocol with the same body")
    func devtoolsHARReplays() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let apiKey = RandomSecret.atomsKey()
        let input = try directory.write(ImportFixtures.devtoolsHAR(apiKey: apiKey, body: ImportFixtures.atomsBody), to: "devtools.har")

        let log = try CassetteImporter(format: .har, policy: RedactionPolicy(provider: "atoms")).importCassette(from: [input])
        #expect(log.entries.first?.response.headers.value(named: "content-encoding") == nil)
        #expect(!String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self).contains(apiKey))

        let replay = ReplaySession(log: log, name: "devtools import")
        var request = URLRequest(url: URL(string: "https://api.smallest.ai/atoms/v1/user")!)
        request.setValue("Bearer \(RandomSecret.atomsKey())", forHTTPHeaderField: "Authorization")
        let (data, response) = try await replay.session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(data == Data(ImportFixtures.atomsBody.utf8))
    }

    @Test("export gives valid HAR 1.2 and importing it gives the same interactions")
    func exportRoundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = try directory.write(ImportFixtures.vcrpyYAML(token: RandomSecret.zitadelOpaqueToken()), to: "in.yaml")
        let imported = try CassetteImporter(format: .vcrpy).importCassette(from: [input])

        let exported = directory.file("out.har")
        try HARExporter.plainHAR(imported).write(to: exported)
        let document = try IndependentReader.document(exported)
        #expect(IndependentReader.harProblems(document) == [])
        #expect((document["log"] as? [String: Any])?["_cassette"] == nil)

        let again = try CassetteImporter(format: .har).importCassette(from: [exported])
        #expect(again.entries == imported.entries)
    }
}
