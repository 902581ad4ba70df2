import CassetteAudit
import CassetteFormat
public import CassetteProviders
import CassetteRedaction
public import Foundation

/// Everything one recording needs: which endpoint, against which server, with which credential,
/// into which file. Built by `cassette record`, `cassette demo` and tests alike.
public struct RecordingPlan: Sendable {
    /// The endpoint's profile.
    public var profile: ProviderProfile
    /// Base URL of the server (`https://api.smallest.ai`, `http://127.0.0.1:53111`).
    public var baseURL: URL
    /// The credential value. Sent as the profile says, redacted wherever it reappears, and never
    /// printed.
    public var credential: String
    /// Where the credential came from (an environment variable name), for error messages.
    public var credentialSource: String
    /// The cassette file to write.
    public var output: URL
    /// Non-2xx statuses to record anyway (an error body recorded on purpose).
    public var acceptedStatuses: Set<Int>
    /// Seconds before the request is abandoned.
    public var timeout: TimeInterval
    /// `_cassette.source`: `live` for a real service, `emulator` for the built-in emulator.
    public var source: String
    /// A fixed RFC 3339 time used for `recordedAt` and `startedDateTime` (and zero durations),
    /// for recordings that must be byte-for-byte reproducible (the emulator's); `nil` records
    /// the real times.
    public var fixedTimestamp: String?
    /// Replace personal data with consistent fake values.
    public var pseudonymize: Bool
    /// The base URL written into the cassette when the request went elsewhere: the emulator
    /// stands in for the service at this URL, so its cassettes do not depend on a random port.
    public var recordedBaseURL: URL?
    /// Keep bodies no redaction reader understands (see `RedactionPolicy/allowOpaqueBodies`)
    /// instead of refusing to write; `cassette record --allow-opaque-body`.
    public var allowOpaqueBodies = false

    /// A plan with the usual defaults (30 s timeout, live source, real timestamps).
    public init(
        profile: ProviderProfile, baseURL: URL, credential: String, credentialSource: String, output: URL,
        acceptedStatuses: Set<Int> = [], timeout: TimeInterval = 30, source: String = "live",
        fixedTimestamp: String? = nil, pseudonymize: Bool = false, recordedBaseURL: URL? = nil
    ) {
        self.profile = profile
        self.baseURL = baseURL
        self.credential = credential
        self.credentialSource = credentialSource
        self.output = output
        self.acceptedStatuses = acceptedStatuses
        self.timeout = timeout
        self.source = source
        self.fixedTimestamp = fixedTimestamp
        self.pseudonymize = pseudonymize
        self.recordedBaseURL = recordedBaseURL
    }

    /// The URL called: base URL (its path kept) plus the profile's path.
    public var requestURL: URL? {
        Self.join(baseURL, profile.path)
    }

    /// The URL written into the cassette (``recordedBaseURL`` when set).
    public var storedRequestURL: URL? {
        Self.join(recordedBaseURL ?? baseURL, profile.path)
    }

    private static func join(_ baseURL: URL, _ path: String) -> URL? {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return nil }
        let basePath = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = basePath + path
        return components.url
    }

    /// The base URL as it may be shown and stored: without user-info, query or fragment.
    public var displayBaseURL: String {
        Self.display(baseURL)
    }

    /// The base URL written into the cassette's metadata.
    public var storedBaseURL: String {
        Self.display(recordedBaseURL ?? baseURL)
    }

    private static func display(_ baseURL: URL) -> String {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else { return "<invalid URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "<invalid URL>"
    }

    /// The request URL as it may be shown (no user-info).
    public var displayRequestURL: String {
        let base = displayBaseURL
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + profile.path
    }
}
