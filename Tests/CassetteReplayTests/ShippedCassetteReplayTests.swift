import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("The four cassettes in Cassettes/ replay through URLSession with a fresh real credential")
struct ShippedCassetteReplayTests {
    /// Each service's `/me` request and how it carries its credential.
    static let services: [(name: String, url: String, header: String, value: @Sendable () -> String)] = [
        ("zitadel/me", "https://acme.zitadel.cloud/auth/v1/users/me", "Authorization", { "Bearer \(RandomSecret.zitadelOpaqueToken())" }),
        ("atoms/me", "https://api.smallest.ai/atoms/v1/user", "Authorization", { "Bearer \(RandomSecret.atomsKey())" }),
        ("unleash/me", "https://unleash.example.com/api/admin/user", "Authorization", { RandomSecret.unleashPAT() }),
        ("wacht/me", "https://app.example.wacht.dev/me", "Cookie", { "__session=\(RandomSecret.jwt())" }),
    ]

    @Test("each service, async and completion handler", arguments: [0, 1, 2, 3], ["async", "completion"])
    func replays(service: Int, style: String) async throws {
        let (name, url, header, value) = Self.services[service]
        let options = ReplayOptions(
            recordMode: RecordMode.none, matchers: [.method, .url, .headers([header])], environment: [:])
        let replay = try ReplaySession(named: name, options: options)
        defer { replay.finish() }
        let credential = value()
        let request = ReplayFixtures.request(url: url, headers: [header: credential, "Accept": "application/json"])
        let (body, response) = try await Fetch.by(style, replay.session, request)
        #expect(response.statusCode == 200)
        #expect(response.value(forHTTPHeaderField: "Content-Type")?.contains("json") == true)
        let json = try JSONParser.parse(body)
        #expect(json.objectValue?.isEmpty == false, "a JSON object body")
        #expect(replay.unusedInteractions().isEmpty)
    }
}
