import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

@Suite("user provider profiles (--profile FILE)")
struct ProfileFileTests {
    /// A fifth `/me`-style service no built-in profile knows: `GET /v2/whoami` with `X-Api-Key`.
    static func startWhoAmI(key: String) async throws -> LoopbackServer {
        try await LoopbackServer.start { request in
            guard request.method == "GET", request.path == "/v2/whoami" else { return .text(404, "not found", contentType: "text/plain") }
            guard request.headers.value(named: "X-Api-Key") == key else {
                return .json(403, ["error": "forbidden"])
            }
            return .json(200, ["account": ["id": 42, "handle": "grace", "echo": .string("key=\(key)")]])
        }
    }

    @Test("a YAML profile records a fifth endpoint without code changes, and the key is redacted")
    func yamlProfile() async throws {
        let key = "wk_" + RandomSecret.alphanumeric(32)
        let server = try await Self.startWhoAmI(key: key)
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let profile = folder.file("whoami.yaml")
        try Data(
            """
            # A profile for an endpoint cassette does not ship.
            name: whoami
            displayName: Example Who-Am-I
            request:
              method: GET
              path: /v2/whoami
              headers:
                Accept: application/json
            credential:
              type: header
              header: X-Api-Key
              env: WHOAMI_KEY
            baseURL: null
            response:
              contentType: application/json
              errorStatuses: [401, 403]
            personalFields: [/account/handle]

            """.utf8
        ).write(to: profile)
        let result = try await runCassetteAsync(
            ["record", "whoami", "--profile", profile.path, "--base-url", server.baseURL.absoluteString],
            environment: ["WHOAMI_KEY": key], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let output = folder.file("Cassettes/whoami/me.har.gz")
        let log = try CassetteFile.read(output)
        #expect(log.cassette?.provider == "whoami")
        #expect(log.entries.first?.request.url == server.baseURL.absoluteString + "/v2/whoami")
        #expect(log.entries.first?.response.content.text?.contains("\"handle\":\"grace\"") == true)
        #expect(!(try IndependentReader.decompressedText(output)).contains(key))

        let refused = try await runCassetteAsync(
            ["record", "whoami", "--profile", profile.path, "--base-url", server.baseURL.absoluteString, "--output", "other.har.gz"],
            environment: ["WHOAMI_KEY": "wk_" + RandomSecret.alphanumeric(32)], in: folder.url)
        await server.stop()
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("HTTP 403"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("other.har.gz").path))
    }

    @Test("a broken profile is a usage error naming the file and the member")
    func brokenProfile() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let profile = folder.file("bad.json")
        try Data(#"{"name":"bad","request":{"path":"v2/whoami"},"credential":{"type":"bearer","env":"BAD_TOKEN"}}"#.utf8).write(to: profile)
        let result = try await runCassetteAsync(
            ["record", "bad", "--profile", profile.path, "--base-url", "http://127.0.0.1:9"], environment: ["BAD_TOKEN": "x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(profile.path))
        #expect(result.stderr.contains("/request/path"))
    }

    @Test("a gzip-encoded answer is stored decoded, readable, with Content-Encoding gone and Content-Length the stored size")
    func gzipAnswer() async throws {
        let key = RandomSecret.alphanumeric(32)
        let body = Data(#"{"me":{"id":"u_1","plan":"pro"}}"#.utf8)
        let compressed = try GzipCodec.gzip(body)
        let server = try await LoopbackServer.start { request in
            guard CredentialPlacement.bearer(header: "Authorization").credential(in: request.headers) == key else {
                return .json(401, ["error": "unauthorized"])
            }
            return ServerResponse(
                status: 200,
                headers: [
                    HAR.NameValue(name: "Content-Type", value: "application/json"),
                    HAR.NameValue(name: "Content-Encoding", value: "gzip"),
                ],
                body: compressed)
        }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let profile = folder.file("gz.json")
        try Data(#"{"name":"gz","request":{"path":"/me"},"credential":{"type":"bearer","env":"GZ_TOKEN"}}"#.utf8).write(to: profile)
        let output = folder.file("gz.har.gz")
        let result = try await runCassetteAsync(
            ["record", "gz", "--profile", profile.path, "--base-url", server.baseURL.absoluteString, "--output", output.path],
            environment: ["GZ_TOKEN": key])
        await server.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let response = try #require(try CassetteFile.read(output).entries.first?.response)
        #expect(response.content.text == String(decoding: body, as: UTF8.self))
        #expect(response.content.encoding == nil)
        #expect(response.headers.value(named: "Content-Encoding") == nil)
        #expect(response.headers.value(named: "Content-Length").map { $0 == String(body.count) } ?? true)
    }
}
