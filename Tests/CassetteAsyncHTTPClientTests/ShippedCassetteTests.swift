#if AsyncHTTPClient
    import NIOHTTP1
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteTestSupport
    import Foundation
    import NIOCore
    import Testing

    @Suite("CassetteAsyncHTTPClient: a server-style /me call through the client protocol")
    struct ShippedCassetteTests {
        @Test("ZITADEL's /me from the shipped cassette: status, headers and the decoded body")
        func zitadelMe() async throws {
            let client = try ShippedCassette.zitadel.replayingHTTPClient()
            let service = IdentityService(client: client, baseURL: "https://acme.zitadel.cloud")
            let caller = try await service.caller(token: RandomSecret.base64url(86))
            #expect(caller.status == 200)
            #expect(caller.contentType == "application/json; charset=utf-8")
            #expect(caller.userName == "frances")
            #expect(caller.id == "151903667095985853")
            #expect(caller.displayName.hasPrefix("Frances"))
            let summary = client.finish()
            #expect(summary.problems.isEmpty)
            #expect(summary.unusedInteractions.isEmpty)
        }

        @Test("the answer's headers are the recorded ones, Content-Length the stored body's, as AsyncHTTPClient gives them")
        func headersAndBody() async throws {
            let client = try ShippedCassette.zitadel.replayingHTTPClient()
            defer { client.finish() }
            var request = HTTPClientRequest(url: "https://acme.zitadel.cloud/auth/v1/users/me")
            request.headers.add(name: "Authorization", value: "Bearer \(RandomSecret.base64url(40))")
            let response = try await client.execute(request, deadline: .now() + .seconds(5))
            #expect(response.version == .http1_1)
            #expect(response.headers.first(name: "Connection") == "keep-alive")
            var parts = 0
            var bytes = 0
            for try await part in response.body {
                parts += 1
                bytes += part.readableBytes
            }
            #expect(parts >= 1)
            #expect(response.headers.first(name: "Content-Length") == String(bytes))
        }

        @Test("after finish(), a request fails saying the replaying client was finished")
        func finishedClient() async throws {
            let client = try ShippedCassette.zitadel.replayingHTTPClient()
            client.finish()
            await #expect(throws: URLError.self) {
                _ = try await client.execute(HTTPClientRequest(url: "https://acme.zitadel.cloud/auth/v1/users/me"), timeout: .seconds(5))
            }
        }
    }
#endif
