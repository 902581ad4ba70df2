import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette match: which interaction answers, or the near-miss report")
struct MatchCommandTests {
    static func cassette(in folder: TemporaryDirectory) throws -> URL {
        let file = folder.file("me.har.gz")
        func entry(_ method: String, _ url: String, headers: [HAR.NameValue] = [], body: String? = nil) -> HAR.Entry {
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z",
                request: .incoming(
                    method: method, url: url,
                    headers: headers + (body == nil ? [] : [HAR.NameValue(name: "Content-Type", value: "application/json")]),
                    body: body.map { Data($0.utf8) }),
                response: HAR.Response(status: 200, content: HAR.Content(body: Data("{}".utf8), mimeType: "application/json")))
        }
        try CassetteFile.write(
            HAR.Log(
                entries: [
                    entry(
                        "GET", "https://id.example.com/v1/me?fields=a&lang=en",
                        headers: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")]),
                    entry("PATCH", "https://id.example.com/v1/me", body: #"{"name":"Ada","tags":["x"]}"#),
                ],
                cassette: CassetteMetadata(provider: "zitadel", source: "test")),
            to: file)
        return file
    }

    @Test("a matching request prints the interaction and exits 0 (query order and a real token do not matter)")
    func match() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder)
        let token = RandomSecret.base64url(40)
        let result = try ProcessRunner.run(
            BuiltProducts.cassette,
            [
                "match", file.path, "--request", "GET https://id.example.com/v1/me?lang=en&fields=a", "-H",
                "Authorization: Bearer \(token)",
                "--matchers", "method,url,header:Authorization",
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("interaction #0 answers: GET https://id.example.com/v1/me?fields=a&lang=en -> 200"))
        #expect(!result.stdout.contains(token))
    }

    @Test("a JSON body from a file is matched semantically")
    func bodyFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder)
        let body = folder.file("body.json")
        try Data(#"{ "tags": ["x"], "name": "Ada" }"#.utf8).write(to: body)
        let result = try ProcessRunner.run(
            BuiltProducts.cassette,
            [
                "match", file.path, "--request", "PATCH https://id.example.com/v1/me", "-H", "Content-Type: application/json",
                "--body", body.path, "--matchers", "method,url,jsonBody",
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("interaction #1 answers"))
        #expect(result.stdout.contains("[pass] jsonBody: JSON bodies equal"))
    }

    @Test("a miss prints the near-miss report and exits 1")
    func miss() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder)
        let body = folder.file("body.json")
        try Data(#"{"name":"Bob","tags":["x"]}"#.utf8).write(to: body)
        let result = try ProcessRunner.run(
            BuiltProducts.cassette,
            [
                "match", file.path, "--request", "PATCH https://id.example.com/v1/me", "-H", "Content-Type: application/json",
                "--body", body.path, "--matchers", "method,url,jsonBody",
            ])
        #expect(result.status == 1)
        let text = result.stdout
        #expect(text.hasPrefix("cassette: no recorded interaction matches PATCH https://id.example.com/v1/me"))
        #expect(text.contains("  cassette: me.har.gz (\(file.path))"))
        #expect(text.contains("  matchers: method, url, jsonBody"))
        #expect(text.contains("  1. interaction #1: PATCH https://id.example.com/v1/me -> 200"))
        #expect(text.contains(#"/name: recorded "Ada", request "Bob""#))
        #expect(text.contains("cassette record zitadel --output \(file.path)"))
    }

    @Test(
        "bad usage and unreadable input exit 2 with one line saying what to do",
        arguments: ["request", "header", "body", "matcher", "cassette"])
    func usage(kind: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder)
        var arguments = ["match", file.path, "--request", "GET https://id.example.com/v1/me"]
        switch kind {
        case "request": arguments[3] = "https://id.example.com/v1/me"
        case "header": arguments += ["-H", "no colon here"]
        case "body": arguments += ["--body", folder.file("absent.json").path]
        case "matcher": arguments += ["--matchers", "method,colour"]
        default: arguments[1] = folder.file("absent.har.gz").path
        }
        let result = try ProcessRunner.run(BuiltProducts.cassette, arguments)
        #expect(result.status == 2, "\(kind): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
