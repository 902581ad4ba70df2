/// One secret found in a cassette: where, by which rule, with a masked preview (never the value).
public struct AuditFinding: Sendable, Hashable {
    /// The file it was found in.
    public var file: String
    /// Index of the interaction, when inside one.
    public var entry: Int?
    /// `request header Authorization`, `response body /data/user_authenticator/otp_url`, ...
    public var location: String
    /// Rule id, e.g. `jwt`, `otpauth-secret`, `credential-header`.
    public var ruleID: String
    /// A masked preview such as `eyJh…(redacted)`; never the whole secret.
    public var preview: String

    public init(file: String, entry: Int?, location: String, ruleID: String, preview: String) {
        self.file = file
        self.entry = entry
        self.location = location
        self.ruleID = ruleID
        self.preview = preview
    }
}

/// The audit engine: finds secrets in cassettes, independently of the redactor's rules.
/// (Contract; the audit work fills in the rules.)
public struct SecretAuditor: Sendable {
    public init() {}

    /// Every finding in one decoded cassette.
    public func audit(_ log: HAR.Log, file: String) -> [AuditFinding] {
        []
    }
}
