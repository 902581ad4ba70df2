import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Request bodies and redacted cassettes")
struct RequestContentTests {
    static let url = "https://api.example.com/v1/me"

    static func bodyCassette() -> ReplaySession {
        let log = ReplayFixtures.log([
            ReplayFixtures.entry("POST", url, body: #"{"ok":true}"#, requestBody: #"{"name":"Ada","roles":["admin"]}"#)
        ])
        return ReplaySession(log: log, name: "bodies", options: ReplayFixtures.options(matchers: [.method, .url, .jsonBody]))
    }

    @Test("a body sent as httpBody is read and matched")
    func httpBody() async throws {
        let replay = Self.bodyCassette()
        defer { replay.finish() }
        let request = ReplayFixtures.request(
            "POST", Self.url, headers: ["Content-Type": "application/json"], body: Data(#"{"roles":["admin"],"name":"Ada"}"#.utf8))
        let (body, _) = try await Fetch.async(replay.session, request)
        #expect(body == Data(#"{"ok":true}"#.utf8))
    }

    @Test("a body sent as httpBodyStream is read and matched", arguments: ["async", "completion"])
    func httpBodyStream(style: String) async throws {
        let replay = Self.bodyCassette()
        defer { replay.finish() }
        var request = ReplayFixtures.request("POST", Self.url, headers: ["Content-Type": "application/json"])
        request.httpBodyStream = InputStream(data: Data(#"{"name":"Ada","roles":["admin"]}"#.utf8))
        let (body, _) = try await Fetch.by(style, replay.session, request)
        #expect(body == Data(#"{"ok":true}"#.utf8))
        #expect(try RequestBodyReader.read(InputStream(data: Data(repeating: 7, count: 100_000))).count == 100_000)
    }

    @Test("a different body is a miss whose report shows the JSON difference")
    func differentBody() async throws {
        let replay = Self.bodyCassette()
        defer { replay.finish() }
        var request = ReplayFixtures.request("POST", Self.url, headers: ["Content-Type": "application/json"])
        request.httpBodyStream = InputStream(data: Data(#"{"name":"Bob","roles":["admin"]}"#.utf8))
        do {
            _ = try await Fetch.async(replay.session, request)
            Issue.record("answered")
        } catch {
            let report = try #require(error.cassetteNearMissReport)
            let text = report.description
            #expect(text.contains("[FAIL] jsonBody: JSON bodies differ at 1 place"))
            #expect(text.contains(#"/name: recorded "Ada", request "Bob""#))
            #expect(text.contains("[pass] method: method POST"))
        }
    }

    @Test("a redacted cassette matches a live request carrying a fresh real token")
    func redactedCassetteMatchesRealToken() async throws {
        let token = RandomSecret.base64url(64)
        let log = ReplayFixtures.log([
            ReplayFixtures.entry(
                "GET", Self.url, body: #"{"id":"7"}"#, requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")])
        ])
        let replay = ReplaySession(
            log: log, name: "redacted", options: ReplayFixtures.options(matchers: [.method, .url, .headers(["Authorization"])]))
        defer { replay.finish() }
        let live = ReplayFixtures.request(url: Self.url, headers: ["Authorization": "Bearer \(token)"])
        // What the player matches is the request after the same redaction recordings get.
        let redacted = Redaction.redactRequest(ReplayHandler.harRequest(live, body: nil), policy: RedactionPolicy())
        #expect(
            PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: redacted.headers.value(named: "Authorization") ?? ""))
        let (body, _) = try await Fetch.async(replay.session, live)
        #expect(body == Data(#"{"id":"7"}"#.utf8))
    }

    @Test("a request without the token misses, and the report never shows a live token")
    func missingTokenReportIsSafe() async throws {
        let token = RandomSecret.base64url(64)
        let log = ReplayFixtures.log([
            ReplayFixtures.entry(
                "GET", Self.url, requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")])
        ])
        let replay = ReplaySession(
            log: log, name: "redacted", options: ReplayFixtures.options(matchers: [.method, .url, .headers(["Authorization"])]))
        defer { replay.finish() }
        do {
            _ = try await Fetch.async(
                replay.session,
                ReplayFixtures.request(url: Self.url + "?access_token=\(token)", headers: ["Authorization": "Basic \(token)"]))
            Issue.record("answered")
        } catch {
            let text = try #require(error.cassetteNearMissReport).description
            #expect(!text.contains(token), "a live secret reached the report")
            #expect(text.contains("[FAIL] headers(Authorization): header Authorization differs"))
            #expect(text.contains("Basic <hidden:credential>") || text.contains("Basic REDACTED_"))
            #expect(text.contains("- recorded: Authorization: Bearer REDACTED_1"))
            #expect(!error.localizedDescription.contains(token))
        }
    }
}
