import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("The near-miss report says what did not match and how to re-record")
struct NearMissReportTests {
    static func cassette(in folder: TemporaryDirectory) throws -> URL {
        let file = folder.file("Cassettes/zitadel/me.har.gz")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CassetteFile.write(
            ReplayFixtures.log(
                [
                    ReplayFixtures.entry("GET", "https://id.example.com/auth/v1/users/me?fields=profile&lang=en"),
                    ReplayFixtures.entry("POST", "https://id.example.com/oauth/v2/token", requestBody: #"{"grant":"x"}"#),
                    ReplayFixtures.entry("GET", "https://id.example.com/auth/v1/users/me/email"),
                    ReplayFixtures.entry("DELETE", "https://other.example.org/x"),
                ], provider: "zitadel"),
            to: file)
        return file
    }

    @Test("a miss is a URLError whose user info carries the full report")
    func reportContent() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = try Self.cassette(in: folder)
        var options = ReplayFixtures.options(.none)
        options.testName = "ProfileTests/loadsProfile"
        let replay = try ReplaySession(cassette: file, name: "zitadel/me", options: options)
        defer { replay.finish() }
        let request = ReplayFixtures.request(
            url: "https://id.example.com/auth/v1/users/me?lang=de&fields=profile", headers: ["Accept": "application/json"])
        var caught: URLError?
        do {
            _ = try await Fetch.async(replay.session, request)
        } catch let error as URLError {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.code == .resourceUnavailable)
        let report = try #require(error.nearMissReport)
        #expect(error.userInfo[ReplayErrorKey.nearMissReport] as? NearMissReport == report)
        #expect(error.localizedDescription == report.description)
        let text = report.description
        let lines = text.split(separator: "\n").map(String.init)

        #expect(
            lines.first == "cassette: no recorded interaction matches GET https://id.example.com/auth/v1/users/me?lang=de&fields=profile")
        #expect(text.contains("  cassette: zitadel/me (\(file.path))"))
        #expect(text.contains("4 interactions recorded"))
        #expect(text.contains("  mode:     none (chosen in code"))
        #expect(text.contains("  matchers: method, url"))
        #expect(text.contains("  test:     ProfileTests/loadsProfile"))
        #expect(text.contains("  request:  GET https://id.example.com/auth/v1/users/me?lang=de&fields=profile"))
        #expect(text.contains("Accept: application/json"))

        // Three nearest, ranked: the query-only difference first, the far DELETE left out.
        #expect(report.nearest.map(\.index) == [0, 2, 1])
        #expect(lines.contains("  1. interaction #0: GET https://id.example.com/auth/v1/users/me?fields=profile&lang=en -> 200"))
        #expect(lines.contains("     [pass] method: method GET"))
        #expect(lines.contains("     [FAIL] url: query differs in lang"))
        #expect(lines.contains("            query - recorded: lang=en"))
        #expect(lines.contains("            query + request:  lang=de"))
        #expect(lines.contains("  2. interaction #2: GET https://id.example.com/auth/v1/users/me/email -> 200"))
        #expect(!text.contains("other.example.org"))

        #expect(text.contains("To record again:"))
        #expect(text.contains("CASSETTE_RECORD_MODE=rewrite swift test --filter 'ProfileTests/loadsProfile'"))
        #expect(text.contains("CASSETTE_RECORD_MODE=newEpisodes swift test --filter 'ProfileTests/loadsProfile'"))
        #expect(text.contains("cassette record zitadel --output \(file.path)"))
        #expect(replay.problems.first?.report == report)
    }

    @Test("interactions a test never used are listed")
    func unusedInteractions() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let replay = try ReplaySession(cassette: try Self.cassette(in: folder), name: "zitadel/me", options: ReplayFixtures.options(.none))
        _ = try await Fetch.async(replay.session, ReplayFixtures.request(url: "https://id.example.com/auth/v1/users/me/email"))
        let summary = replay.finish()
        #expect(summary.unusedInteractions.map(\.index) == [0, 1, 3])
        let report = try #require(summary.unusedReport)
        #expect(report.hasPrefix("cassette zitadel/me: 3 recorded interactions were never used:"))
        #expect(report.contains("#1 POST https://id.example.com/oauth/v2/token -> 200"))
        #expect(summary.problems.isEmpty)
    }

    @Test("secret-looking query values in the report are hidden")
    func hidesSecrets() {
        let secret = RandomSecret.hex(40)
        let player = CassettePlayer(
            log: ReplayFixtures.log([ReplayFixtures.entry("GET", "https://x.example/me?api_key=REDACTED_1")]),
            options: .init(matchers: [.method, .path], context: ReplayContext(cassetteName: "x")))
        guard case .miss(let report) = player.answer(.incoming(method: "POST", url: "https://x.example/me?api_key=\(secret)")) else {
            Issue.record(Comment(rawValue: "answered"))
            return
        }
        #expect(!report.description.contains(secret))
        // The incoming request is redacted before matching, so the report shows a placeholder
        // (or, for values the redactor does not know, a `<hidden:kind>` mask): never the value.
        #expect(report.description.contains("api_key=<hidden:") || report.description.contains("api_key=REDACTED_"))
    }
}
