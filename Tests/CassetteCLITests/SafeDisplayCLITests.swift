import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The real CLI with fresh secrets in every position it prints: the near-miss report of
/// `match`, usage errors that echo arguments, `audit`, `import` and `validate` pointers.
/// Assertions are on booleans only: a failing test never prints the output that leaked.
@Suite("cassette prints no secret, whatever the position")
struct SafeDisplayCLITests {
    private func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(BuiltProducts.cassette, arguments)
    }

    private func clean(_ result: ProcessResult, of secrets: [String]) -> Bool {
        let output = result.stdout + result.stderr
        return !secrets.contains { SecretTraces.found($0, in: output) }
    }

    @Test("match: secrets in a path segment, a neutral query parameter and a header:NAME value are hidden in the near-miss report")
    func matchNearMiss() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try MatchCommandTests.cassette(in: folder)
        let secrets = [RandomSecret.alphanumeric(40), RandomSecret.base64url(43), RandomSecret.hex(40)]
        let result = try run([
            "match", file.path, "--request", "GET https://id.example.com/v1/me/\(secrets[0])?lang=en&state=\(secrets[1])",
            "-H", "X-Trace: \(secrets[2])", "--matchers", "method,url,header:X-Trace",
        ])
        #expect(result.status == 1)
        #expect(clean(result, of: secrets))
        #expect(result.stdout.contains("GET https://id.example.com/v1/me/<hidden:token>?lang=en&state=<hidden:token>"))
        #expect(result.stdout.contains("+ request:  X-Trace: <hidden:token>"))
    }

    @Test("match: a secret JSON member name and value are hidden in the body diff")
    func matchJSONBody() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try MatchCommandTests.cassette(in: folder)
        let secrets = [RandomSecret.alphanumeric(40), RandomSecret.base64url(43)]
        let body = folder.file("body.json")
        try Data(#"{"name":"Bob","tags":["x"],"\#(secrets[0])":"\#(secrets[1])"}"#.utf8).write(to: body)
        let result = try run([
            "match", file.path, "--request", "PATCH https://id.example.com/v1/me", "-H", "Content-Type: application/json",
            "--body", body.path, "--matchers", "method,url,jsonBody",
        ])
        #expect(result.status == 1)
        #expect(clean(result, of: secrets))
        #expect(result.stdout.contains(#"/name: recorded "Ada", request "Bob""#))
        #expect(result.stdout.contains(#"/<hidden:token>: only in request ("<hidden:token>")"#))
    }

    @Test("usage errors that echo --request, -H, a provider or a stray argument hide the secret in it")
    func usageErrors() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try MatchCommandTests.cassette(in: folder)
        // A leading `-` would make the argument parser read the token as an option (a different
        // error); base64url tokens can start with one, so this one starts with a letter.
        let token = "t" + RandomSecret.base64url(42)
        let password = RandomSecret.alphanumeric(9)
        let cases: [([String], [String], String)] = [
            (["match", file.path, "--request", "GET/v1/me?token=\(token)"], [token], "error: --request \"GET/v1/me?token=<hidden:"),
            (
                ["match", file.path, "--request", "GET https://id.example.com/v1/me", "-H", "Authorization Bearer \(password)"], [password],
                "error: -H \"Authorization Bearer <hidden:credential>\" is not a header"
            ),
            (["match", file.path, "--request", "GET https://id.example.com/v1/me", "-H", token], [token], "error: -H \"<hidden:token>\""),
            (["record", token], [token], "error: unknown provider \"<hidden:token>\""),
            (["match", file.path, "--request", "GET https://id.example.com/v1/me", token], [token], "<hidden:token>"),
        ]
        for (arguments, secrets, expected) in cases {
            let result = try run(arguments)
            #expect(result.status == 2)
            #expect(clean(result, of: secrets))
            #expect(result.stderr.contains(expected))
        }
    }

    @Test("audit: a secret JSON member name is hidden in text, JSON and SARIF locations")
    func auditPointer() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let memberSecret = RandomSecret.alphanumeric(40)
        let password = RandomSecret.alphanumeric(16)
        let log = HAR.Log(entries: [
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z", request: .incoming(method: "GET", url: "https://api.example.com/me"),
                response: HAR.Response(
                    status: 200,
                    content: HAR.Content(
                        body: Data(#"{"data":{"\#(memberSecret)":{"password":"\#(password)"}}}"#.utf8), mimeType: "application/json")))
        ])
        let file = folder.file("leaky.har.gz")
        try CassetteFile.write(log, to: file)
        for format in ["text", "json", "sarif"] {
            let result = try run(["audit", file.path, "--format", format])
            #expect(result.status == 1)
            #expect(clean(result, of: [memberSecret, password]))
            #expect(result.stdout.contains("/data/<hidden:token>/password"))
        }
    }

    @Test("import: a secret used as a header name is hidden in the refusal")
    func importPointer() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let secret = RandomSecret.alphanumeric(40)
        let input = folder.file("input.json")
        try Data(
            #"""
            {"interactions": [{"request": {"method": "GET", "uri": "https://api.example.com/me", "body": null,
              "headers": {"\#(secret)": {"nested": 1}}},
              "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "{}"}}}], "version": 1}
            """#.utf8
        ).write(to: input)
        let result = try run(["import", input.path, "--from", "vcrpy", "--output", folder.file("out.har.gz").path])
        #expect(result.status == 2)
        #expect(clean(result, of: [secret]))
        #expect(result.stderr.contains("/interactions/0/request/headers/<hidden:token> expected a header value"))
    }

    @Test("validate: a secret used as a member name is hidden in the error pointer and message")
    func validatePointer() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let secret = RandomSecret.alphanumeric(40)
        let schema = folder.file("schema.json")
        try Data(#"{"type":"object","properties":{"name":{"type":"string"}},"additionalProperties":false}"#.utf8).write(to: schema)
        let document = folder.file("doc.json")
        try Data(#"{"name":"Ada","\#(secret)":1}"#.utf8).write(to: document)
        let result = try run(["validate", document.path, "--schema", schema.path])
        #expect(result.status == 1)
        #expect(clean(result, of: [secret]))
        #expect(result.stdout.contains("/<hidden:token>: property \"<hidden:token>\" is not allowed here"))
    }
}
