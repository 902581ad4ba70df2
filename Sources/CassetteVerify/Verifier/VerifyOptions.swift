public import CassetteKit
public import Foundation

/// How `cassette verify` reaches the service and what it may do with the answers.
public struct VerifyOptions: Sendable {
    /// The base URL to call instead of the cassette's `_cassette.baseURL` (`--base-url`).
    public var baseURL: URL?
    /// The environment variable holding the credential instead of the provider's
    /// (`--credential-env`).
    public var credentialVariable: String?
    /// Where credentials are read from (the process environment; a test passes its own). The
    /// credential is read from here only, never from arguments or files.
    public var environment: [String: String]
    /// Seconds before a call is abandoned.
    public var timeout: TimeInterval
    /// Re-record the cassettes that drifted (`--update`).
    public var update: Bool
    /// A stand-in for every service (the built-in emulator, `--emulate`).
    public var standIn: StandInService?
    /// Report cassettes older than this (`--max-age 90d`), from their `_cassette.recordedAt`.
    public var maxAge: CassetteMaxAge?

    /// Options with the usual defaults: the cassette's base URL, the provider's credential
    /// variable, a 30 s timeout, no update.
    public init(
        baseURL: URL? = nil, credentialVariable: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 30,
        update: Bool = false, standIn: StandInService? = nil, maxAge: CassetteMaxAge? = nil
    ) {
        self.maxAge = maxAge
        self.baseURL = baseURL
        self.credentialVariable = credentialVariable
        self.environment = environment
        self.timeout = timeout
        self.update = update
        self.standIn = standIn
    }
}

/// A server standing in for the services (the built-in emulator): where it listens, the
/// credential it accepts for each provider, and how re-recordings from it are labelled.
public struct StandInService: Sendable {
    /// Where it listens (`http://127.0.0.1:53111`).
    public var baseURL: URL
    /// The credential it accepts, by provider name.
    public var credentials: [String: String]
    /// `_cassette.source` of cassettes re-recorded from it (`emulator`).
    public var source: String
    /// The fixed `recordedAt` of cassettes re-recorded from it, so that they are reproducible.
    public var fixedTimestamp: String?
    /// How the credentials are named in messages (`the emulator's throw-away credential`).
    public var credentialSource: String

    /// Creates a stand-in.
    public init(
        baseURL: URL, credentials: [String: String], source: String = "emulator", fixedTimestamp: String? = nil,
        credentialSource: String = "the emulator's throw-away credential"
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.source = source
        self.fixedTimestamp = fixedTimestamp
        self.credentialSource = credentialSource
    }
}
