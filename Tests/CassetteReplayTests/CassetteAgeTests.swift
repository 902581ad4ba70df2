import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ReplayOptions(maxAge:expiry:)` through the URL protocol's session: a cassette older than
/// allowed is reported when the session finishes, with its age and the commands to check and
/// refresh it.
@Suite("cassette age: ReplayOptions maxAge and expiry")
struct CassetteAgeTests {
    /// A one-interaction zitadel cassette recorded `daysAgo` days ago (no `recordedAt` when nil).
    static func cassette(daysAgo: Int?, in folder: TemporaryDirectory) throws -> URL {
        let recordedAt = daysAgo.map { ExchangeTiming.timestamp(Date().addingTimeInterval(-Double($0) * 86_400 - 60)) }
        let log = HAR.Log(
            entries: [
                HAR.Entry(
                    startedDateTime: recordedAt ?? "2026-01-01T00:00:00.000Z",
                    request: .incoming(method: "GET", url: "https://acme.zitadel.cloud/auth/v1/users/me"),
                    response: HAR.Response(status: 200, content: HAR.Content(body: Data("{}".utf8), mimeType: "application/json")))
            ],
            cassette: CassetteMetadata(provider: "zitadel", source: "live", baseURL: "https://acme.zitadel.cloud", recordedAt: recordedAt))
        let url = folder.file("zitadel/me.har.gz")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try CassetteFile.write(log, to: url)
        return url
    }

    private func finish(_ url: URL, _ options: ReplayOptions) async throws -> ReplaySummary {
        let replay = try ReplaySession(cassette: url, name: "zitadel/me", options: options)
        let (_, response) = try await replay.session.data(from: try #require(URL(string: "https://acme.zitadel.cloud/auth/v1/users/me")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "an old cassette still replays")
        return replay.finish()
    }

    @Test("older than maxAge: a warning by default, with the age, the limit, cassette verify and the re-record command")
    func staleWarns() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try Self.cassette(daysAgo: 30, in: folder)
        let summary = try await finish(url, ReplayOptions(recordMode: .none, testName: "ZitadelTests/me", maxAge: .days(10)))
        let stale = try #require(summary.staleCassette)
        #expect(stale.severity == .warning)
        #expect(stale.message.contains("cassette \"zitadel/me\" is stale: recorded 30 days ago"), "\(stale.message)")
        #expect(stale.message.contains("older than the 10 days allowed"))
        #expect(stale.message.contains("cassette verify \(url.path)"))
        #expect(stale.message.contains("cassette record zitadel --output \(url.path)"))
        #expect(stale.message.contains("CASSETTE_RECORD_MODE=rewrite swift test --filter 'ZitadelTests/me'"))
        #expect(ReplayFinding.findings(of: summary, unusedInteractions: .ignore) == [stale])
    }

    @Test("expiry .fail makes it a failure")
    func staleFails() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try Self.cassette(daysAgo: 30, in: folder)
        let summary = try await finish(url, ReplayOptions(recordMode: .none, maxAge: .days(10), expiry: .fail))
        #expect(summary.staleCassette?.severity == .failure)
    }

    @Test("younger than maxAge, or no maxAge: nothing reported")
    func freshIsQuiet() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try Self.cassette(daysAgo: 30, in: folder)
        #expect(try await finish(url, ReplayOptions(recordMode: .none, maxAge: .days(31))).staleCassette == nil)
        #expect(try await finish(url, ReplayOptions(recordMode: .none)).staleCassette == nil)
    }

    @Test("a cassette without recordedAt cannot be shown young enough: reported")
    func unknownAge() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let url = try Self.cassette(daysAgo: nil, in: folder)
        let stale = try #require(try await finish(url, ReplayOptions(recordMode: .none, maxAge: .days(10))).staleCassette)
        #expect(stale.message.contains("has no readable _cassette.recordedAt"))
    }

    @Test("max ages parse as cassette verify --max-age takes them")
    func parsing() {
        #expect(CassetteMaxAge(parsing: "90d") == .days(90))
        #expect(CassetteMaxAge(parsing: "90") == .days(90))
        #expect(CassetteMaxAge(parsing: "2w") == .days(14))
        #expect(CassetteMaxAge(parsing: "36h") == .hours(36))
        #expect(CassetteMaxAge(parsing: "3600s") == .hours(1))
        for bad in ["", "d", "90x", "-5d", "1.5d", "999999999999999d"] { #expect(CassetteMaxAge(parsing: bad) == nil, "\(bad)") }
        #expect(CassetteMaxAge.days(90).description == "90 days")
    }
}
