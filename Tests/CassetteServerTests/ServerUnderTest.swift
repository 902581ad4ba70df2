import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation

/// One of the two servers the hostile-input tests run against, started in process on a free
/// loopback port with the given limits, with the request a normal client sends and its status.
struct ServerUnderTest: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable, CaseIterable { case serve, emulator }

    let kind: Kind
    let port: Int
    let normalPath: String
    let normalHeaders: [String: String]
    let stop: @Sendable () async -> Void
    var description: String { kind.rawValue }

    /// A normal request gets its recorded (or emulated) 200 within a second.
    func answersNormally() -> Bool {
        RawHTTPConnection.get(normalPath, port: port, headers: normalHeaders, timeout: 1)?.status == 200
    }

    static func start(_ kind: Kind, limits: ServerLimits = ServerLimits()) async throws -> ServerUnderTest {
        switch kind {
        case .serve:
            let responder = CassetteResponder(logs: [ServedCassette.log], name: "test")
            let server = try await LoopbackServer.start(limits: limits) { responder.respond($0).0 }
            return ServerUnderTest(
                kind: kind, port: Int(server.port), normalPath: "/me", normalHeaders: [:], stop: { await server.stop() })
        case .emulator:
            let emulator = try await EmulatorServer.start(providers: ["zitadel"], limits: limits)
            let token = emulator.credential(for: "zitadel") ?? ""
            return ServerUnderTest(
                kind: kind, port: Int(emulator.port), normalPath: "/auth/v1/users/me",
                normalHeaders: ["Authorization": "Bearer \(token)"], stop: { await emulator.stop() })
        }
    }
}

/// A one-interaction cassette: `GET https://api.example.com/me` answered 200.
enum ServedCassette {
    static let body = #"{"id":"42","name":"Grace"}"#

    static func entry(method: String = "GET", url: String = "https://api.example.com/me", body: String = ServedCassette.body) -> HAR.Entry {
        HAR.Entry(
            startedDateTime: "2024-01-01T00:00:00.000Z",
            request: HAR.Request.incoming(method: method, url: url),
            response: HAR.Response(
                status: 200, statusText: "OK", httpVersion: "HTTP/1.1", cookies: [],
                headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(body: Data(body.utf8), mimeType: "application/json"),
                redirectURL: "", headersSize: -1, bodySize: -1))
    }

    static var log: HAR.Log { HAR.Log(entries: [entry()], cassette: CassetteMetadata(source: "test")) }
}
