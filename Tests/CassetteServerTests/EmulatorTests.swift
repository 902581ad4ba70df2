import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one real request over loopback and returns status and parsed JSON body.
func loopbackCall(_ url: URL, headers: [String: String]) async throws -> (status: Int, body: JSONValue?, text: String) {
    var request = URLRequest(url: url)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpShouldSetCookies = false
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    let status = (response as? HTTPURLResponse)?.statusCode ?? -1
    return (status, try? JSONParser.parse(data), String(decoding: data, as: UTF8.self))
}

@Suite("the built-in emulator over real loopback HTTP")
struct EmulatorTests {
    @Test("listens on 127.0.0.1 only, with fresh random credentials at every start")
    func loopbackAndFreshCredentials() async throws {
        let first = try await EmulatorServer.start()
        let second = try await EmulatorServer.start()
        #expect(first.baseURL.host == "127.0.0.1")
        #expect(first.port != 0 && first.port != second.port)
        for provider in EmulatorServer.providers {
            let a = try #require(first.credential(for: provider))
            let b = try #require(second.credential(for: provider))
            #expect(a != b, "credentials are random per start")
        }
        #expect(first.credential(for: "atoms")?.hasPrefix("sk_") == true)
        #expect(first.credential(for: "unleash")?.hasPrefix("user:") == true)
        #expect(first.credential(for: "wacht")?.hasPrefix("eyJ") == true)
        await first.stop()
        await second.stop()
    }

    @Test("Atoms: Bearer key accepted; raw key, wrong key or none get the 401 body")
    func atoms() async throws {
        let emulator = try await EmulatorServer.start(providers: ["atoms"])
        let key = try #require(emulator.credential(for: "atoms"))
        let url = emulator.baseURL.appendingPathComponent("atoms/v1/user")
        let ok = try await loopbackCall(url, headers: ["Authorization": "Bearer \(key)"])
        #expect(ok.status == 200)
        #expect(ok.body?["status"] == .bool(true))
        #expect(ok.body?["data"]?["userEmail"]?.stringValue?.contains("@") == true)
        for headers in [["Authorization": key], ["Authorization": "Bearer sk_\(RandomSecret.alphanumeric(40))"], [:]] {
            let refused = try await loopbackCall(url, headers: headers)
            #expect(refused.status == 401)
            #expect(refused.body == ["status": false, "errors": ["Unauthorized: User not found"]])
        }
        await emulator.stop()
    }

    @Test("Unleash: raw or Bearer token accepted; PAT gets inviteLink, admin token is echoed in user.secret; 401 bodies otherwise")
    func unleash() async throws {
        let emulator = try await EmulatorServer.start(providers: ["unleash"])
        let credentials = emulator.credentials(for: "unleash")
        #expect(credentials.count == 2)
        let pat = try #require(emulator.credential(for: "unleash"))
        let admin = try #require(credentials.last?.value)
        let url = emulator.baseURL.appendingPathComponent("api/admin/user")
        let user = try await loopbackCall(url, headers: ["Authorization": pat])
        #expect(user.status == 200)
        #expect(user.body?["user"]?["inviteLink"]?.stringValue?.contains("/new-user?token=") == true)
        let bearer = try await loopbackCall(url, headers: ["Authorization": "Bearer \(pat)"])
        #expect(bearer.status == 200)
        let api = try await loopbackCall(url, headers: ["Authorization": admin])
        #expect(api.status == 200)
        #expect(api.body?["user"]?["secret"]?.stringValue == admin)
        let wrong = try await loopbackCall(url, headers: ["Authorization": RandomSecret.unleashPAT()])
        #expect(wrong.status == 401)
        #expect(wrong.body?["name"] == "UnauthorizedError")
        let none = try await loopbackCall(url, headers: [:])
        #expect(none.status == 401)
        #expect(none.body?["name"] == "AuthenticationRequired")
        #expect(none.body?["path"] == "/auth/simple/login")
        await emulator.stop()
    }

    @Test("Wacht: __session cookie accepted; otp_url, totp_secret and backup codes present; 401/400 envelopes otherwise")
    func wacht() async throws {
        let emulator = try await EmulatorServer.start(providers: ["wacht"])
        let jwt = try #require(emulator.credential(for: "wacht"))
        let url = emulator.baseURL.appendingPathComponent("me")
        let ok = try await loopbackCall(url, headers: ["Cookie": "theme=dark; __session=\(jwt)"])
        #expect(ok.status == 200)
        let data = try #require(ok.body?["data"])
        #expect(data["user_authenticator"]?["otp_url"]?.stringValue?.hasPrefix("otpauth://totp/") == true)
        #expect(data["totp_secret"]?.stringValue?.count == 32)
        #expect(data["backup_codes"]?.arrayValue?.count == 12)
        #expect(ok.text.hasPrefix("{\"data\":"), "keys sorted like the Go map envelope")
        let bearer = try await loopbackCall(url, headers: ["Authorization": "Bearer \(jwt)"])
        #expect(bearer.status == 401)
        #expect(bearer.body?["message"] == "Unauthorized")
        let otherJWT = try await loopbackCall(url, headers: ["Cookie": "__session=\(RandomSecret.jwt())"])
        #expect(otherJWT.status == 400)
        #expect(otherJWT.body?["message"] == "No active sign-in found")
        let garbage = try await loopbackCall(url, headers: ["Cookie": "__session=\(RandomSecret.alphanumeric(30))"])
        #expect(garbage.status == 401)
        #expect(garbage.body?["message"] == "Invalid session")
        await emulator.stop()
    }

    @Test("ZITADEL: Bearer token accepted; grpc-gateway 401 status body otherwise")
    func zitadel() async throws {
        let emulator = try await EmulatorServer.start(providers: ["zitadel"])
        let token = try #require(emulator.credential(for: "zitadel"))
        let url = emulator.baseURL.appendingPathComponent("auth/v1/users/me")
        let ok = try await loopbackCall(url, headers: ["Authorization": "Bearer \(token)"])
        #expect(ok.status == 200)
        #expect(ok.body?["user"]?["state"] == "USER_STATE_ACTIVE")
        #expect(ok.body?["user"]?["machine"] == nil, "human and machine are a oneof")
        for headers in [["Authorization": token], ["Authorization": "Bearer \(RandomSecret.zitadelOpaqueToken())"]] {
            let refused = try await loopbackCall(url, headers: headers)
            #expect(refused.status == 401)
            #expect(refused.body?["code"] == 16)
            #expect(refused.body?["details"]?.arrayValue?.first?["@type"] == "type.googleapis.com/zitadel.v1.ErrorDetail")
        }
        await emulator.stop()
    }

    @Test("bodies come from the seed: same seed same account, another seed another account; unknown paths 404")
    func deterministicBodies() async throws {
        let a = try await EmulatorServer.start(providers: ["zitadel"], seed: 7)
        let b = try await EmulatorServer.start(providers: ["zitadel"], seed: 7)
        let c = try await EmulatorServer.start(providers: ["zitadel"], seed: 8)
        func body(_ handle: EmulatorHandle) async throws -> String {
            let token = try #require(handle.credential(for: "zitadel"))
            return try await loopbackCall(
                handle.baseURL.appendingPathComponent("auth/v1/users/me"), headers: ["Authorization": "Bearer \(token)"]
            ).text
        }
        let bodyA = try await body(a)
        #expect(try await body(b) == bodyA)
        #expect(try await body(c) != bodyA)
        let missing = try await loopbackCall(a.baseURL.appendingPathComponent("atoms/v1/organization"), headers: [:])
        #expect(missing.status == 404)
        #expect(missing.text.contains("Cannot GET /atoms/v1/organization"))
        await a.stop()
        await b.stop()
        await c.stop()
    }
}
