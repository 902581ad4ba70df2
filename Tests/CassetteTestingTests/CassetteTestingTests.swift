import CassetteKit
import CassetteReplay
import CassetteTestSupport
import CassetteTesting
import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The shipped ZITADEL cassette's request (its body bytes may change when it is re-recorded).
private let zitadelMe = "https://acme.zitadel.cloud/auth/v1/users/me"

private func get(_ session: URLSession, _ url: String, token: String = RandomSecret.base64url(40)) async throws -> (Data, Int) {
    var request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    let (data, response) = try await session.data(for: request)
    return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
}

/// Booleans judged inside a known-issue matcher, read after it.
private final class Verdicts: Sendable {
    let values = Mutex<[Bool]>([])
}

@Suite("Swift Testing helpers: withCassette and the .cassette trait")
struct CassetteTestingTests {
    @Test(".cassette trait: the session in scope replays the package's Cassettes/ folder", .cassette("zitadel/me", mode: .none))
    func traitReplays() async throws {
        let (data, status) = try await get(try Cassette.session, zitadelMe)
        #expect(status == 200)
        let json = try JSONParser.parse(data)
        #expect(json["user"]?.objectValue != nil)
        #expect(Cassette.current?.name == "zitadel/me")
    }

    @Test("withCassette hands over the session and finds cassettes under CASSETTE_DIR")
    func withCassetteReplays() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(Self.log(), to: folder.file("api/me.har.gz"))
        let options = ReplayOptions(environment: ["CASSETTE_DIR": folder.url.path])
        let status = try await withCassette("api/me", mode: .none, options: options) { session in
            let (_, status) = try await get(session, "https://api.example.com/me")
            #expect(try Cassette.session === session)
            return status
        }
        #expect(status == 201)
        #expect(Cassette.current == nil, "the scope ends with the closure")
        #expect(throws: CassetteScopeError.self) { _ = try Cassette.session }
    }

    @Test("a request no interaction matches is recorded as an issue carrying the near-miss report, even when swallowed")
    func missBecomesIssue() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(Self.log(), to: folder.file("api/me.har.gz"))
        let options = ReplayOptions(environment: ["CASSETTE_DIR": folder.url.path])
        try await withKnownIssue {
            try await withCassette("api/me", mode: .none, options: options) { session in
                // The code under test swallows the error; the helper still fails the test.
                _ = try? await get(session, "https://api.example.com/you")
            }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            return text.contains("cassette: no recorded interaction matches GET https://api.example.com/you")
                && text.contains("[FAIL] url: path differs: recorded /me, request /you")
                && text.contains("CASSETTE_RECORD_MODE=rewrite swift test --filter 'missBecomesIssue'")
        }
    }

    @Test("unused interactions fail the test when the policy says fail")
    func unusedInteractionsFail() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(Self.log(), to: folder.file("api/me.har.gz"))
        let options = ReplayOptions(unusedInteractions: .fail, environment: ["CASSETTE_DIR": folder.url.path])
        try await withKnownIssue {
            try await withCassette("api/me", mode: .none, options: options) { _ in }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("cassette api/me: 1 recorded interaction was never used:") }
        }
    }

    @Test("a missing cassette in mode none is an issue and an error naming the file")
    func missingCassette() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let options = ReplayOptions(environment: ["CASSETTE_DIR": folder.url.path])
        await withKnownIssue {
            do {
                try await withCassette("api/nothing", mode: .none, options: options) { _ in }
                Issue.record("no error for a missing cassette")
            } catch {
                #expect(error is ReplaySetupError)
            }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains(folder.file("api/nothing.har.gz").path) }
        }
    }

    @Test("the issue a miss records hides secrets in the request's path and query")
    func issueTextHidesSecrets() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.file("api"), withIntermediateDirectories: true)
        try CassetteFile.write(Self.log(), to: folder.file("api/me.har.gz"))
        let options = ReplayOptions(environment: ["CASSETTE_DIR": folder.url.path])
        let pathSecret = RandomSecret.alphanumeric(40)
        let querySecret = RandomSecret.base64url(43)
        // Judged inside `matching` and kept as booleans: the issue text itself is never printed.
        let verdicts = Verdicts()
        try await withKnownIssue {
            try await withCassette("api/me", mode: .none, options: options) { session in
                _ = try? await get(session, "https://api.example.com/me/\(pathSecret)?state=\(querySecret)")
            }
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined(separator: "\n")
            verdicts.values.withLock {
                $0.append(
                    !SecretTraces.found(pathSecret, in: text) && !SecretTraces.found(querySecret, in: text)
                        && text.contains("GET https://api.example.com/me/<hidden:token>?state=<hidden:token>"))
            }
            return true
        }
        let all = verdicts.values.withLock { $0 }
        #expect(!all.isEmpty && all.allSatisfy { $0 })
    }

    @Test("findings: misses fail; unused interactions warn or fail as asked")
    func findings() {
        let report = NearMissReport(
            context: ReplayContext(cassetteName: "x"), matchers: ["method"],
            request: RequestSummary(.incoming(method: "GET", url: "https://x.example/")), interactionCount: 0, nearest: [])
        let summary = ReplaySummary(
            problems: [.miss(report)], unusedInteractions: [], unusedReport: "cassette x: 1 recorded interaction was never used:")
        #expect(ReplayFinding.findings(of: summary, unusedInteractions: .ignore).map(\.severity) == [.failure])
        #expect(ReplayFinding.findings(of: summary, unusedInteractions: .warn).map(\.severity) == [.failure, .warning])
        #expect(ReplayFinding.findings(of: summary, unusedInteractions: .fail).map(\.severity) == [.failure, .failure])
        #expect(ReplayFinding.findings(of: summary, unusedInteractions: .ignore).first?.message == report.description)
    }

    static func log() -> HAR.Log {
        HAR.Log(entries: [
            HAR.Entry(
                startedDateTime: "2026-01-01T00:00:00.000Z",
                request: .incoming(method: "GET", url: "https://api.example.com/me"),
                response: HAR.Response(status: 201, content: HAR.Content(body: Data("{}".utf8), mimeType: "application/json")))
        ])
    }
}
