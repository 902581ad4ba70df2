import CassetteKit
import Foundation

/// Why the emulator could not start.
public struct EmulatorError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The built-in emulator: a real HTTP server on 127.0.0.1 answering the four services' `/me`
/// paths as the services do (same credential check, same error bodies), with bodies generated
/// deterministically from a seed and full of the secret-bearing fields those services send.
///
/// Credentials are fresh and random at every start; they are never derived from the seed.
public enum EmulatorServer {
    /// The providers the emulator knows.
    public static let providers = ["atoms", "unleash", "wacht", "zitadel"]
    /// The seed used when none is given (`cassette demo`, `Cassettes/`).
    public static let defaultSeed: UInt64 = 20_240_102
    /// The fixed `recordedAt` of emulator recordings, so recording twice gives the same bytes.
    public static let recordedAt = "2025-01-01T00:00:00.000Z"

    /// The URL the emulator stands in for, written into emulator cassettes instead of the
    /// random loopback port: the service's public URL, or an example deployment's.
    public static func publicBaseURL(for provider: String) -> URL? {
        switch provider {
        case "atoms": return URL(string: "https://api.smallest.ai")
        case "unleash": return URL(string: UnleashEmulation.publicURL)
        case "wacht": return URL(string: "https://\(WachtEmulation.deploymentHost)")
        case "zitadel": return URL(string: "https://acme.zitadel.cloud")
        default: return nil
        }
    }

    /// Starts the emulator for `providers` on `port` (0: a free port). With `drift`, successful
    /// JSON answers are changed as it says (for `cassette verify` demos and tests).
    public static func start(
        providers: [String] = EmulatorServer.providers, port: UInt16 = 0, seed: UInt64 = EmulatorServer.defaultSeed,
        drift: EmulatorDrift? = nil
    ) async throws -> EmulatorHandle {
        let unknown = providers.filter { !Self.providers.contains($0) }
        guard unknown.isEmpty else {
            throw EmulatorError(description: "the emulator does not know \(unknown.joined(separator: ", ")); it emulates \(Self.providers.joined(separator: ", ")).")
        }
        var credentials: [String: [EmulatorCredential]] = [:]
        for provider in providers { credentials[provider] = makeCredentials(for: provider) }
        let accepted = credentials.mapValues { $0.map(\.value) }
        let server = try await LoopbackServer.start(port: port) { request in
            let response = route(request, accepted: accepted, seed: seed)
            return drift?.apply(to: response) ?? response
        }
        return EmulatorHandle(server: server, credentials: credentials)
    }

    private static func makeCredentials(for provider: String) -> [EmulatorCredential] {
        switch provider {
        case "atoms": return [EmulatorCredential(value: AtomsEmulation.makeCredential(), kind: "API key")]
        case "unleash":
            return [
                EmulatorCredential(value: UnleashEmulation.makeCredential(), kind: "personal access token"),
                EmulatorCredential(value: UnleashEmulation.makeAdminToken(), kind: "admin API token (echoed back in user.secret)"),
            ]
        case "wacht": return [EmulatorCredential(value: WachtEmulation.makeCredential(), kind: "session JWT")]
        default: return [EmulatorCredential(value: ZitadelEmulation.makeCredential(), kind: "opaque access token")]
        }
    }

    /// Routes on method and path; unknown routes get Express's 404 page, as Atoms sends.
    static func route(_ request: ServerRequest, accepted: [String: [String]], seed: UInt64) -> ServerResponse {
        let path = request.path.hasPrefix("/") ? request.path : "/" + request.path
        if request.method == "GET" {
            if let keys = accepted["atoms"], path == AtomsEmulation.path {
                return AtomsEmulation.respond(to: request, accepted: keys, seed: seed)
            }
            if let keys = accepted["unleash"], path == UnleashEmulation.path {
                return UnleashEmulation.respond(to: request, accepted: keys, seed: seed)
            }
            if let keys = accepted["wacht"], path == WachtEmulation.path {
                return WachtEmulation.respond(to: request, accepted: keys, seed: seed)
            }
            if let keys = accepted["zitadel"], path == ZitadelEmulation.path {
                return ZitadelEmulation.respond(to: request, accepted: keys, seed: seed)
            }
        }
        let escaped = path.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return .text(
            404,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot \(request.method) \(escaped)</pre>\n</body>\n</html>\n")
    }
}

/// A credential the emulator accepts.
public struct EmulatorCredential: Sendable, Hashable {
    /// The secret value. Print it only when the user asks (`--print-credentials`).
    public let value: String
    /// What kind of credential it is (`API key`, `session JWT`).
    public let kind: String
}

/// A running emulator.
public final class EmulatorHandle: Sendable {
    private let server: LoopbackServer
    private let credentials: [String: [EmulatorCredential]]

    init(server: LoopbackServer, credentials: [String: [EmulatorCredential]]) {
        self.server = server
        self.credentials = credentials
    }

    /// `http://127.0.0.1:<port>`: the base URL of every emulated provider.
    public var baseURL: URL { server.baseURL }
    /// The port listened on.
    public var port: UInt16 { server.port }
    /// The emulated providers, sorted.
    public var providers: [String] { credentials.keys.sorted() }

    /// The main credential of `provider` (generated at start), or `nil` if not emulated.
    public func credential(for provider: String) -> String? {
        credentials[provider]?.first?.value
    }

    /// Every credential `provider` accepts (Unleash: a personal access token and an admin API token).
    public func credentials(for provider: String) -> [EmulatorCredential] {
        credentials[provider] ?? []
    }

    /// Stops the server.
    public func stop() async {
        await server.stop()
    }

    /// Runs until the surrounding task is cancelled.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
    }
}
