import CassetteKit
public import Foundation

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
    /// The providers the emulator knows (``Emulation/builtIn``).
    public static let providers = Emulation.builtIn.map(\.provider)
    /// The seed used when none is given (`cassette demo`, `Cassettes/`).
    public static let defaultSeed: UInt64 = 20_240_102
    /// The fixed `recordedAt` of emulator recordings, so recording twice gives the same bytes.
    public static let recordedAt = "2025-01-01T00:00:00.000Z"

    /// The URL the emulator stands in for, written into emulator cassettes instead of the
    /// random loopback port: the service's public URL, or an example deployment's.
    public static func publicBaseURL(for provider: String) -> URL? {
        Emulation.builtIn.first { $0.provider == provider }?.publicBaseURL
    }

    /// Starts the emulator for the built-in `providers` on `port` (0: a free port).
    public static func start(
        providers: [String] = EmulatorServer.providers, host: String = "127.0.0.1", port: UInt16 = 0,
        seed: UInt64 = EmulatorServer.defaultSeed, limits: ServerLimits = ServerLimits(), log: ServerLog = .silent
    ) async throws -> EmulatorHandle {
        let unknown = providers.filter { !Self.providers.contains($0) }
        guard unknown.isEmpty else {
            throw EmulatorError(
                description:
                    "the emulator does not know \(unknown.map(SafeDisplay.text).joined(separator: ", ")); it emulates \(Self.providers.joined(separator: ", "))."
            )
        }
        return try await start(
            emulations: Emulation.builtIn.filter { providers.contains($0.provider) }, host: host, port: port, seed: seed,
            limits: limits, log: log)
    }

    /// Starts the emulator for `emulations` (built-in or your own) on `port` (0: a free port).
    public static func start(
        emulations: [Emulation], host: String = "127.0.0.1", port: UInt16 = 0, seed: UInt64 = EmulatorServer.defaultSeed,
        limits: ServerLimits = ServerLimits(), log: ServerLog = .silent
    ) async throws -> EmulatorHandle {
        var credentials: [String: [EmulatorCredential]] = [:]
        var routes: [EmulatorRoute] = []
        for emulation in emulations {
            let issued = emulation.makeCredentials()
            credentials[emulation.provider] = issued
            routes.append(EmulatorRoute(emulation: emulation, accepted: issued.map(\.value), seed: seed))
        }
        let table = routes
        let server = try await LoopbackServer.start(host: host, port: port, limits: limits, log: log) { request in
            route(request, routes: table, seed: seed)
        }
        return EmulatorHandle(server: server, credentials: credentials)
    }

    /// Routes on method and path; unknown routes get Express's 404 page, as Atoms sends, with
    /// the path shown through the safe display path and bounded.
    static func route(_ request: ServerRequest, routes: [EmulatorRoute], seed: UInt64) -> ServerResponse {
        let path = request.path.hasPrefix("/") ? request.path : "/" + request.path
        for route in routes where route.emulation.method == request.method && route.emulation.path == path {
            return route.respond(to: request, seed: seed)
        }
        let shown = SafeDisplay.truncate(SafeDisplay.url(path), limit: 200)
        let escaped = shown.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return .text(
            404,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot \(SafeDisplay.truncate(SafeDisplay.text(request.method), limit: 20)) \(escaped)</pre>\n</body>\n</html>\n"
        )
    }
}

/// An emulation, the credentials it accepts this run and, for an emulation in two halves, each
/// accepted credential's answer rendered at start.
struct EmulatorRoute: Sendable {
    let emulation: Emulation
    let accepted: [String]
    /// `answers[i]` is the answer to `accepted[i]` (empty for an emulation without halves).
    let answers: [ServerResponse]

    init(emulation: Emulation, accepted: [String], seed: UInt64) {
        self.emulation = emulation
        self.accepted = accepted
        self.answers = emulation.halves.map { halves in accepted.map { halves.answer($0, seed) } } ?? []
    }

    /// The answer to `request`: its credential checked, then the prepared answer copied.
    func respond(to request: ServerRequest, seed: UInt64) -> ServerResponse {
        guard let halves = emulation.halves else { return emulation.respond(request, accepted, seed) }
        return halves.respond(to: request, accepted: accepted, seed: seed) { answers[$0] }
    }
}

/// A credential the emulator accepts.
public struct EmulatorCredential: Sendable, Hashable {
    /// The secret value. Print it only when the user asks (`--print-credentials`).
    public let value: String
    /// What kind of credential it is (`API key`, `session JWT`).
    public let kind: String

    /// A credential of `kind` (fresh and random: never derive one from a seed).
    public init(value: String, kind: String) {
        self.value = value
        self.kind = kind
    }
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
    /// Every `address:port` listened on.
    public var boundAddresses: [String] { server.boundAddresses }
    /// Whether ``stop()`` was asked for (otherwise a return from ``waitUntilStopped()`` means
    /// the listening socket failed).
    public var wasStopped: Bool { server.wasStopped }
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
