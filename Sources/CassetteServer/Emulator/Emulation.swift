public import CassetteKit
public import Foundation

/// One service the emulator answers as: its name, its `/me` route, the credentials it issues at
/// each start and how it answers. The emulator is driven by a list of these
/// (``Emulation/builtIn``); a service is added by adding one value, and nothing else in the
/// server changes.
public struct Emulation: Sendable {
    /// The provider's name (`zitadel`), as profiles and cassettes name it.
    public let provider: String
    /// The method of the emulated route (`GET`).
    public let method: String
    /// The emulated route's path (`/auth/v1/users/me`).
    public let path: String
    /// The URL the emulator stands in for, written into emulator cassettes instead of the random
    /// loopback port.
    public let publicBaseURL: URL?
    /// Fresh random credentials for one run (never derived from the seed), main one first.
    public let makeCredentials: @Sendable () -> [EmulatorCredential]
    /// The answer to a request on the route, given the credentials accepted this run and the
    /// seed of the generated account.
    public let respond: @Sendable (_ request: ServerRequest, _ accepted: [String], _ seed: UInt64) -> ServerResponse

    /// An emulation of `method path`.
    public init(
        provider: String, method: String = "GET", path: String, publicBaseURL: URL?,
        makeCredentials: @escaping @Sendable () -> [EmulatorCredential],
        respond: @escaping @Sendable (_ request: ServerRequest, _ accepted: [String], _ seed: UInt64) -> ServerResponse
    ) {
        self.provider = provider
        self.method = method
        self.path = path
        self.publicBaseURL = publicBaseURL
        self.makeCredentials = makeCredentials
        self.respond = respond
    }
}

extension Emulation {
    /// The four built-in services, sorted by name.
    public static let builtIn: [Emulation] = [atoms, unleash, wacht, zitadel]

    /// Smallest.ai Atoms (`GET /atoms/v1/user`, a `sk_` API key).
    public static let atoms = Emulation(
        provider: "atoms", path: AtomsEmulation.path, publicBaseURL: URL(string: "https://api.smallest.ai"),
        makeCredentials: { [EmulatorCredential(value: AtomsEmulation.makeCredential(), kind: "API key")] },
        respond: { AtomsEmulation.respond(to: $0, accepted: $1, seed: $2) })

    /// Unleash (`GET /api/admin/user`, a personal access token or an admin API token).
    public static let unleash = Emulation(
        provider: "unleash", path: UnleashEmulation.path, publicBaseURL: URL(string: UnleashEmulation.publicURL),
        makeCredentials: {
            [
                EmulatorCredential(value: UnleashEmulation.makeCredential(), kind: "personal access token"),
                EmulatorCredential(value: UnleashEmulation.makeAdminToken(), kind: "admin API token (echoed back in user.secret)"),
            ]
        },
        respond: { UnleashEmulation.respond(to: $0, accepted: $1, seed: $2) })

    /// Wacht (`GET /me`, a session JWT in a cookie).
    public static let wacht = Emulation(
        provider: "wacht", path: WachtEmulation.path, publicBaseURL: URL(string: "https://\(WachtEmulation.deploymentHost)"),
        makeCredentials: { [EmulatorCredential(value: WachtEmulation.makeCredential(), kind: "session JWT")] },
        respond: { WachtEmulation.respond(to: $0, accepted: $1, seed: $2) })

    /// ZITADEL (`GET /auth/v1/users/me`, an opaque access token).
    public static let zitadel = Emulation(
        provider: "zitadel", path: ZitadelEmulation.path, publicBaseURL: URL(string: "https://acme.zitadel.cloud"),
        makeCredentials: { [EmulatorCredential(value: ZitadelEmulation.makeCredential(), kind: "opaque access token")] },
        respond: { ZitadelEmulation.respond(to: $0, accepted: $1, seed: $2) })
}
