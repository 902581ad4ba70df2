import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Near-miss reports (what `cassette match` and the test helpers print) with fresh secrets in
/// the places redaction does not know: path segments, neutral query parameters, neutral
/// headers, JSON body values and member names.
@Suite("Near-miss reports and matcher diffs print no secret")
struct NearMissSafetyTests {
    private static func report(
        recorded: HAR.Request, incoming: HAR.Request, matchers: [RequestMatcher] = .default
    ) throws -> String {
        let log = RedactionFixtures.log(recorded, RedactionFixtures.response(json: #"{"ok":true}"#))
        let player = CassettePlayer(
            log: log, options: CassettePlayer.Options(matchers: matchers, context: ReplayContext(cassetteName: "safety")))
        guard case .miss(let report) = player.peek(incoming) else {
            Issue.record("expected a miss")
            return ""
        }
        return report.description
    }

    @Test("a secret in a URL path segment and in a neutral query parameter is hidden on both sides")
    func urlSecrets() throws {
        let recordedSecret = RandomSecret.alphanumeric(40)
        let pathSecret = RandomSecret.base64url(43)
        let querySecret = RandomSecret.hex(48)
        let text = try Self.report(
            recorded: RedactionFixtures.request(url: "https://api.example.com/v1/reset/\(recordedSecret)?lang=en"),
            incoming: .incoming(method: "GET", url: "https://api.example.com/v1/reset/\(pathSecret)?lang=en&state=\(querySecret)"))
        for secret in [recordedSecret, pathSecret, querySecret] { #expect(!SecretTraces.found(secret, in: text)) }
        // The incoming reset token is replaced by the redactor's path rule before matching (a
        // placeholder, visible); the recorded one, never redacted here, is masked by the display path.
        #expect(text.contains("https://api.example.com/v1/reset/REDACTED_1?lang=en&state=<hidden:token>"))
        #expect(text.contains("path differs: recorded /v1/reset/<hidden:token>, request /v1/reset/REDACTED_1"))
        #expect(text.contains("+ request:  state=<hidden:token>"))
    }

    @Test("header:NAME diffs hide a secret in a neutral header and a short value of a credential header")
    func headerSecrets() throws {
        let traceSecret = RandomSecret.alphanumeric(40)
        let apiKey = RandomSecret.alphanumeric(8)
        let text = try Self.report(
            recorded: RedactionFixtures.request(headers: [("X-Trace", "abc"), ("X-Api-Key", "REDACTED_1")]),
            incoming: .incoming(
                method: "GET", url: "https://api.example.com/me",
                headers: [HAR.NameValue(name: "X-Trace", value: traceSecret), HAR.NameValue(name: "X-Api-Key", value: apiKey)]),
            matchers: [.method, .url, .headers(["X-Trace", "X-Api-Key"])])
        #expect(!SecretTraces.found(traceSecret, in: text) && !text.contains(apiKey))
        #expect(text.contains("- recorded: X-Trace: abc"))
        #expect(text.contains("+ request:  X-Trace: <hidden:token>"))
        #expect(text.contains("X-Api-Key:"))
    }

    @Test("JSON body diffs hide secret values and secret member names; ordinary members stay")
    func jsonBodySecrets() throws {
        let valueSecret = RandomSecret.alphanumeric(40)
        let nameSecret = RandomSecret.base64url(43)
        let recordedSecret = RandomSecret.hex(40)
        let recordedBody = #"{"user":"ada","note":"\#(recordedSecret)","keys":{"a":true}}"#
        let incomingBody = #"{"user":"bob","note":"\#(valueSecret)","keys":{"\#(nameSecret)":true}}"#
        let text = try Self.report(
            recorded: RedactionFixtures.request(
                "POST", url: "https://api.example.com/v1/notes", postData: HAR.PostData(mimeType: "application/json", text: recordedBody)),
            incoming: .incoming(
                method: "POST", url: "https://api.example.com/v1/notes",
                headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                body: Data(incomingBody.utf8)),
            matchers: [.method, .url, .jsonBody])
        for secret in [valueSecret, nameSecret, recordedSecret] { #expect(!SecretTraces.found(secret, in: text)) }
        #expect(text.contains(#"/user: recorded "ada", request "bob""#))
        #expect(text.contains(#"/note: recorded "<hidden:token>", request "<hidden:token>""#))
        #expect(text.contains("/keys/<hidden:token>: only in request (true)"))
        #expect(text.contains("/keys/a: only in recorded (true)"))
    }

    @Test("a custom matcher quoting a request value has its reason judged too")
    func customMatcherReasons() throws {
        let secret = RandomSecret.alphanumeric(40)
        let quoting = RequestMatcher.custom(name: "quoting") { _, incoming in
            .mismatch("saw \(incoming.har.url)", differences: ["+ request: \(incoming.har.url)"])
        }
        let text = try Self.report(
            recorded: RedactionFixtures.request(), incoming: .incoming(method: "GET", url: "https://api.example.com/me/\(secret)"),
            matchers: [.method, quoting])
        #expect(!SecretTraces.found(secret, in: text))
        #expect(text.contains("[FAIL] quoting: saw <hidden:token>"))
    }
}
