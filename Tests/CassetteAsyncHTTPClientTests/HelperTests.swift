#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteTestSupport
    import CassetteTesting
    import Foundation
    import Testing

    /// A `Cassettes/` folder holding the shipped ZITADEL cassette as `zitadel/me`, found through
    /// `CASSETTE_DIR` as a package's own cassettes are.
    struct CassetteFolder {
        let folder: TemporaryDirectory
        var options: ReplayOptions { ReplayOptions(environment: ["CASSETTE_DIR": folder.url.path, "CI": "true"]) }

        init() throws {
            folder = try TemporaryDirectory()
            let target = folder.file("zitadel/me.har.gz")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: try #require(ShippedCassette.zitadel.url), to: target)
        }
    }

    @Suite("CassetteTesting: withHTTPClientCassette gives the replaying client")
    struct SwiftTestingHelperTests {
        @Test("the body gets a client replaying the named cassette; the session is Cassette.current")
        func withHTTPClientCassetteGivesTheClient() async throws {
            let cassettes = try CassetteFolder()
            defer { cassettes.folder.remove() }
            let caller = try await withHTTPClientCassette("zitadel/me", options: cassettes.options) { client in
                #expect(Cassette.current === client.replay)
                return try await IdentityService(client: client, baseURL: "https://acme.zitadel.cloud").caller(
                    token: RandomSecret.base64url(86))
            }
            #expect(caller.userName == "frances")
        }
    }
#endif
