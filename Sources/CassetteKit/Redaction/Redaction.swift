/// What a redaction pass should know beyond its built-in rules.
public struct RedactionPolicy: Sendable {
    /// Credential values the recorder itself sent: redacted wherever they reappear, and searched
    /// for (raw, URL-encoded, base64) in the final bytes before anything is written.
    public var knownSecrets: [String]
    /// Replace personal data (emails, names, phones, avatar URLs) with consistent fake values.
    public var pseudonymize: Bool
    /// Provider profile name, whose schema annotations (`x-secret`, `x-pii`) add rules.
    public var provider: String?

    public init(knownSecrets: [String] = [], pseudonymize: Bool = false, provider: String? = nil) {
        self.knownSecrets = knownSecrets
        self.pseudonymize = pseudonymize
        self.provider = provider
    }
}

/// Entry points of the redaction layer. (Contract; the recording work fills in the engine.)
public enum Redaction {
    /// Redacts one request the way recorded requests are redacted, so a live request carrying a
    /// real token can be matched against a redacted cassette.
    public static func redactRequest(_ request: HAR.Request, policy: RedactionPolicy) -> HAR.Request {
        request
    }

    /// Redacts a whole log, records what was redacted in `log.cassette.redaction`, then proves the
    /// result clean (audit engine plus an exact search for every known secret, raw, URL-encoded
    /// and base64). Throws ``UnsafeCassetteError`` naming locations (never values) on any hit.
    public static func sanitize(_ log: HAR.Log, policy: RedactionPolicy) throws(UnsafeCassetteError) -> HAR.Log {
        log
    }
}

/// Redaction could not prove a cassette clean; nothing may be written.
public struct UnsafeCassetteError: Error, Sendable, CustomStringConvertible {
    /// Where secrets survived: `entry 0 response body /data/otp_url (rule value:otpauth)`.
    public var locations: [String]
    public init(locations: [String]) {
        self.locations = locations
    }
    public var description: String {
        "refusing to write: a secret survived redaction at \(locations.joined(separator: "; ")). Nothing was written; report this as a redaction bug."
    }
}
