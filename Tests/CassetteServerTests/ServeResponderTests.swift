import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

/// `cassette serve`'s answers over real loopback HTTP: what is sent back never repeats a secret
/// the client sent, reports stay bounded, and identical requests behave as HTTP users expect.
@Suite("cassette serve's responder over loopback")
struct ServeResponderTests {
    private func start(_ entries: [HAR.Entry] = [ServedCassette.entry()], repeatLast: Bool = true) async throws -> LoopbackServer {
        let responder = CassetteResponder(
            logs: [HAR.Log(entries: entries, cassette: CassetteMetadata(source: "test"))], name: "test", repeatLast: repeatLast)
        return try await LoopbackServer.start { responder.respond($0).0 }
    }

    @Test("a token in the path, a query token and an unknown header's value are not echoed in the 599 answer")
    func noEcho() async throws {
        let server = try await start()
        let pathToken = RandomSecret.zitadelOpaqueToken()
        let queryToken = RandomSecret.alphanumeric(40)
        let headerToken = RandomSecret.unleashPAT()
        let answer = RawHTTPConnection.get(
            "/users/\(pathToken)?access_token=\(queryToken)", port: Int(server.port), headers: ["X-Unknown": headerToken])
        #expect(answer?.status == 599)
        let text = answer?.text ?? ""
        #expect(text.contains("no recorded interaction matches"))
        for (what, token) in [("path", pathToken), ("query", queryToken), ("header", headerToken)] {
            #expect(!text.contains(token), "the \(what) token is masked")
        }
        await server.stop()
    }

    @Test("a query of thousands of & gets an answer of bounded size")
    func boundedReport() async throws {
        let server = try await start()
        let target = "/me?" + String(repeating: "&", count: 4000) + "a=1"
        let answer = RawHTTPConnection.get(target, port: Int(server.port))
        #expect(answer?.status == 599)
        #expect((answer?.body.count ?? .max) <= ServerLimits().maxReportBytes + 2048)
        await server.stop()
    }

    @Test("an unknown or unrecorded method gets the 599 report, not a bare 404")
    func unknownMethod() async throws {
        let server = try await start()
        for method in ["PATCH", "PURGE", "PROPFIND"] {
            let connection = try RawHTTPConnection(port: Int(server.port))
            connection.send("\(method) /me HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
            let answer = connection.readResponse()
            #expect(answer?.status == 599, "\(method)")
            #expect(answer?.text.contains("no recorded interaction matches \(method)") == true)
        }
        await server.stop()
    }

    @Test("identical requests get the recorded answers in order, then the last one again")
    func repeatsLastByDefault() async throws {
        let server = try await start([ServedCassette.entry(body: #"{"n":1}"#), ServedCassette.entry(body: #"{"n":2}"#)])
        let bodies = (0..<4).map { _ in RawHTTPConnection.get("/me", port: Int(server.port))?.text }
        #expect(bodies == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":2}"#, #"{"n":2}"#])
        await server.stop()
    }

    @Test("strict: each interaction answers once, then 599 names --strict")
    func strict() async throws {
        let server = try await start(repeatLast: false)
        #expect(RawHTTPConnection.get("/me", port: Int(server.port))?.status == 200)
        let again = RawHTTPConnection.get("/me", port: Int(server.port))
        #expect(again?.status == 599)
        #expect(again?.text.contains("cassette serve without --strict") == true)
        #expect(again?.text.contains("ReplayOptions") == false, "the report names the flag, not the library option")
        await server.stop()
    }

    @Test("token runs (56+ hex digits and a colon) in body, header and path are answered; a normal request is answered meanwhile")
    func tokenRuns() async throws {
        let server = try await start()
        let run = "user:" + String(repeating: RandomSecret.hex(56) + ":", count: 1800)  // about 100 KB
        let port = Int(server.port)
        let bodyRequest = try RawHTTPConnection(port: port)
        bodyRequest.send(
            "POST /me HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: \(run.utf8.count)\r\n\r\n" + run)
        let headerRequest = try RawHTTPConnection(port: port)
        headerRequest.send("GET /me HTTP/1.1\r\nHost: localhost\r\nX-Run: \(run.prefix(20_000))\r\n\r\n")
        let pathRequest = try RawHTTPConnection(port: port)
        pathRequest.send("GET /me/\(run.prefix(7_000)) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(RawHTTPConnection.get("/me", port: port)?.status == 200)
        #expect(bodyRequest.readResponse()?.status == 599)
        #expect(headerRequest.readResponse()?.status == 200)
        #expect(pathRequest.readResponse()?.status == 599)
        await server.stop()
    }
}

@Suite("the emulator's answers over loopback")
struct EmulatorEchoTests {
    @Test("an unknown path with a token in it gets the 404 page without the token")
    func notFoundDoesNotEcho() async throws {
        let emulator = try await EmulatorServer.start(providers: ["atoms"])
        let token = RandomSecret.atomsKey()
        let answer = RawHTTPConnection.get("/v1/keys/\(token)", port: Int(emulator.port))
        #expect(answer?.status == 404)
        #expect(answer?.text.contains("Cannot GET") == true)
        #expect(answer?.text.contains(token) == false)
        await emulator.stop()
    }

    @Test("an emulation added as a value is served without changing the server")
    func customEmulation() async throws {
        let whoami = Emulation(
            provider: "whoami", path: "/v2/whoami", publicBaseURL: URL(string: "https://whoami.example.com"),
            makeCredentials: { [EmulatorCredential(value: "wk_" + RandomSecret.alphanumeric(32), kind: "API key")] },
            respond: { request, accepted, _ in
                accepted.contains(request.headers.value(named: "X-Api-Key") ?? "")
                    ? .json(200, ["id": 7]) : .json(403, ["error": "forbidden"])
            })
        let emulator = try await EmulatorServer.start(emulations: [whoami])
        let key = try #require(emulator.credential(for: "whoami"))
        #expect(RawHTTPConnection.get("/v2/whoami", port: Int(emulator.port), headers: ["X-Api-Key": key])?.status == 200)
        #expect(RawHTTPConnection.get("/v2/whoami", port: Int(emulator.port))?.status == 403)
        await emulator.stop()
    }
}
