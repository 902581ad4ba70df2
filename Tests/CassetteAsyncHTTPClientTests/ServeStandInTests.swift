#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteServer
    import CassetteTestSupport
    import Foundation
    import Testing

    @Suite("CassetteAsyncHTTPClient: cassette serve stands in for the host of code that is not injectable")
    struct ServeStandInTests {
        @Test("a real HTTPClient pointed at the loopback server gets ZITADEL's recorded /me")
        func realHTTPClientAgainstServe() async throws {
            let log = try ShippedCassette.zitadel.log()
            let responder = CassetteResponder(logs: [log], name: "zitadel")
            let server = try await LoopbackServer.start { responder.respond($0).0 }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            let outcome: Result<IdentityService<HTTPClient>.Caller, any Error>
            do {
                // The production code as it is: only its base URL changed.
                let service = IdentityService(client: client, baseURL: server.baseURL.absoluteString)
                outcome = .success(try await service.caller(token: RandomSecret.base64url(86)))
            } catch {
                outcome = .failure(error)
            }
            try await client.shutdown()
            await server.stop()
            let caller = try outcome.get()
            #expect(caller.status == 200)
            #expect(caller.userName == "frances")
            #expect(caller.contentType == "application/json; charset=utf-8")
        }
    }
#endif
