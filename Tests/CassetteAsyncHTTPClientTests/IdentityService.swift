#if AsyncHTTPClient
    import NIOHTTP1
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import Foundation
    import NIOCore

    /// Server-side code as a Vapor or Hummingbird app would have it, without the framework:
    /// resolves the caller's identity by calling ZITADEL's `/me` through whatever client it is
    /// given (`HTTPClient` in production, a replaying client in tests).
    struct IdentityService<Client: HTTPClientProtocol>: Sendable {
        /// The fields of ZITADEL's `GET /auth/v1/users/me` answer this service uses.
        struct Me: Decodable, Sendable {
            struct User: Decodable, Sendable {
                struct Human: Decodable, Sendable {
                    struct Profile: Decodable, Sendable { let displayName: String }
                    let profile: Profile
                }
                let id: String
                let userName: String
                let preferredLoginName: String
                let human: Human
            }
            let user: User
        }

        /// The caller as the app needs it, with what the service answered.
        struct Caller: Sendable {
            let id: String
            let userName: String
            let displayName: String
            let status: UInt
            let contentType: String?
        }

        /// The service answered something other than 200.
        struct Refused: Error { let status: UInt }

        let client: Client
        let baseURL: String

        /// Who is calling, given the bearer token their request carried.
        func caller(token: String) async throws -> Caller {
            var request = HTTPClientRequest(url: baseURL + "/auth/v1/users/me")
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { throw Refused(status: response.status.code) }
            let me = try JSONDecoder().decode(Me.self, from: Data(body.readableBytesView))
            return Caller(
                id: me.user.id, userName: me.user.userName, displayName: me.user.human.profile.displayName,
                status: response.status.code, contentType: response.headers.first(name: "Content-Type"))
        }
    }
#endif
