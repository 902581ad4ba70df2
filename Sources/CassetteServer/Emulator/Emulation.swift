import CassetteKit
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
    /// The two halves of ``respond`` for an emulation made with
    /// ``init(provider:method:path:publicBaseURL:makeCredentials:check:answer:)``: the server
    /// renders each accepted credential's answer once, at start, and a request costs only its
    /// credential check.
    let halves: Halves?

    /// A credential check and an answer that depends only on the credential and the seed.
    struct Halves: Sendable {
        let check: @Sendable (_ request: ServerRequest, _ accepted: [String], _ seed: UInt64) -> CredentialCheck
        let answer: @Sendable (_ credential: String, _ seed: UInt64) -> ServerResponse

        /// The answer to `request`: its credential checked, then `answer(index)` for the accepted
        /// credential it presents, or a 500 when the check names no accepted credential (a bug
        /// of that emulation, answered rather than trapped on).
        func respond(
            to request: ServerRequest, accepted: [String], seed: UInt64, answer: (_ index: Int) -> ServerResponse
        ) -> ServerResponse {
            switch check(request, accepted, seed) {
            case .refused(let refusal): return refusal
            case .accepted(let index):
                guard accepted.indices.contains(index) else {
                    return .text(
                        500, "the emulation's credential check named no accepted credential\n", contentType: "text/plain; charset=utf-8")
                }
                return answer(index)
            }
        }
    }

    /// An emulation of `method path` whose answers `respond` makes from each request.
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
        self.halves = nil
    }

    /// An emulation of `method path` in two halves: `check` reads a request's credential (which
    /// accepted one it presents, or the service's refusal), and `answer` is what the service
    /// sends for an accepted credential, a function of that credential and the seed only. The
    /// emulator renders every accepted credential's answer once when it starts, so answering
    /// costs a check and a copy of prepared bytes (``respond`` calls the two halves in turn).
    public init(
        provider: String, method: String = "GET", path: String, publicBaseURL: URL?,
        makeCredentials: @escaping @Sendable () -> [EmulatorCredential],
        check: @escaping @Sendable (_ request: ServerRequest, _ accepted: [String], _ seed: UInt64) -> CredentialCheck,
        answer: @escaping @Sendable (_ credential: String, _ seed: UInt64) -> ServerResponse
    ) {
        self.provider = provider
        self.method = method
        self.path = path
        self.publicBaseURL = publicBaseURL
        self.makeCredentials = makeCredentials
        let halves = Halves(check: check, answer: answer)
        self.respond = { request, accepted, seed in
            halves.respond(to: request, accepted: accepted, seed: seed) { answer(accepted[$0], seed) }
        }
        self.halves = halves
    }
}

/// What an emulated service decides about a request's credential.
public enum CredentialCheck: Sendable {
    /// The request presents the accepted credential at `index` (of the `accepted` list given
    /// to the check).
    case accepted(index: Int)
    /// The service's refusal, sent as it is.
    case refused(ServerResponse)
}

extension Emulation {
    /// The four built-in services, sorted by name.
    public static let builtIn: [Emulation] = [atoms, unleash, wacht, zitadel]

    /// Smallest.ai Atoms (`GET /atoms/v1/user`, a `sk_` API key).
    public static let atoms = Emulation(
        provider: "atoms", path: AtomsEmulation.path, publicBaseURL: URL(string: "https://api.smallest.ai"),
        makeCredentials: { [EmulatorCredential(value: AtomsEmulation.makeCredential(), kind: "API key")] },
        check: AtomsEmulation.check, answer: AtomsEmulation.answer)

    /// Unleash (`GET /api/admin/user`, a personal access token or an admin API token).
    public static let unleash = Emulation(
        provider: "unleash", path: UnleashEmulation.path, publicBaseURL: URL(string: UnleashEmulation.publicURL),
        makeCredentials: {
            [
                EmulatorCredential(value: UnleashEmulation.makeCredential(), kind: "personal access token"),
                EmulatorCredential(value: UnleashEmulation.makeAdminToken(), kind: "admin API token (echoed back in user.secret)"),
            ]
        },
        check: UnleashEmulation.check, answer: UnleashEmulation.answer)

    /// Wacht (`GET /me`, a session JWT in a cookie).
    public static let wacht = Emulation(
        provider: "wacht", path: WachtEmulation.path, publicBaseURL: URL(string: "https://\(WachtEmulation.deploymentHost)"),
        makeCredentials: { [EmulatorCredential(value: WachtEmulation.makeCredential(), kind: "session JWT")] },
        check: WachtEmulation.check, answer: WachtEmulation.answer)

    /// ZITADEL (`GET /auth/v1/users/me`, an opaque access token).
    public static let zitadel = Emulation(
        provider: "zitadel", path: ZitadelEmulation.path, publicBaseURL: URL(string: "https://acme.zitadel.cloud"),
        makeCredentials: { [EmulatorCredential(value: ZitadelEmulation.makeCredential(), kind: "opaque access token")] },
        check: ZitadelEmulation.check, answer: ZitadelEmulation.answer)
}
