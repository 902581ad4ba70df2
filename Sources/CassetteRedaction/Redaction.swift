public import CassetteFormat
import CassetteProviders

/// What a redaction pass should know beyond its built-in rules.
public struct RedactionPolicy: Sendable {
    /// Credential values the recorder itself sent: redacted wherever they reappear, and searched
    /// for (raw, URL-encoded, base64) in the final bytes before anything is written.
    public var knownSecrets: [String]
    /// Replace personal data (emails, names, phones, avatar URLs) with consistent fake values.
    public var pseudonymize: Bool
    /// Provider profile name, whose schema annotations (`x-secret`, `x-pii`) add rules.
    public var provider: String?
    /// An extra response schema whose `x-secret`/`x-pii` annotations add rules, for a profile
    /// outside the built-in four (the built-in schemas are found through ``provider``).
    public var responseSchema: JSONValue?
    /// Keep bodies no reader understands (images, `application/octet-stream`, an unknown
    /// `Content-Encoding`) instead of refusing to write. They still go through the value rules
    /// (when they are text) and the leak check, and the report lists them with the rule
    /// `opaque-body`; a secret with no recognisable name or format inside them is not found.
    /// `cassette record`/`import --allow-opaque-body`.
    public var allowOpaqueBodies: Bool

    /// Creates a policy; see each property.
    public init(knownSecrets: [String] = [], pseudonymize: Bool = false, provider: String? = nil, allowOpaqueBodies: Bool = false) {
        self.knownSecrets = knownSecrets
        self.pseudonymize = pseudonymize
        self.provider = provider
        self.responseSchema = nil
        self.allowOpaqueBodies = allowOpaqueBodies
    }

    /// A policy that also reads the annotations of `responseSchema`.
    public init(knownSecrets: [String] = [], pseudonymize: Bool = false, provider: String? = nil, responseSchema: JSONValue?) {
        self.init(knownSecrets: knownSecrets, pseudonymize: pseudonymize, provider: provider)
        self.responseSchema = responseSchema
    }
}

/// A redacted log with the report of this pass.
public struct RedactionResult: Sendable {
    /// The redacted log (its `_cassette.redaction`, when it has metadata, includes ``report``).
    public var log: HAR.Log
    /// What this pass redacted and pseudonymized, by location and rule; never values.
    public var report: RedactionReport
    /// Bodies no reader could understand, kept as they were; `Redaction/sanitize(_:policy:)`
    /// refuses to write while this is not empty. Always empty with
    /// ``RedactionPolicy/allowOpaqueBodies``.
    public var unreadableBodies: [UnreadableBody] = []
}

/// Entry points of the redaction layer.
///
/// Rules, in short: credential headers (scheme kept), cookies and `Set-Cookie` (names and
/// attributes kept), secret-named headers, query/fragment/form parameters and JSON members at
/// any depth, URL user-info, the provider schema's `x-secret` fields (URLs keep their shape), and
/// by value anywhere: JWTs, `otpauth://` seeds, the four services' token formats and every known
/// secret in raw, percent-encoded and base64 form. Placeholders are numbered per distinct secret
/// and keep the secret's wire format where it has one (`RDCT-0003` for a backup code,
/// `sk_REDACTED00000001` for an Atoms key, `REDACTED_<n>` for free-form values); redacting a
/// redacted log changes nothing.
public enum Redaction {
    /// Redacts one request the way recorded requests are redacted, so a live request carrying a
    /// real token can be matched against a redacted cassette.
    public static func redactRequest(_ request: HAR.Request, policy: RedactionPolicy) -> HAR.Request {
        var session = RedactionSession(
            policy: policy, schema: SchemaAnnotations(), existingText: [request.url] + request.headers.map(\.value))
        return session.redact(request)
    }

    /// Redacts a whole log and records what was redacted where in `log.cassette.redaction`
    /// (merged with what an earlier pass recorded), without the final leak check. Use
    /// `sanitize(_:policy:)` before writing anything.
    public static func redact(_ log: HAR.Log, policy: RedactionPolicy) -> RedactionResult {
        let schema = SchemaAnnotations(provider: policy.provider ?? log.cassette?.provider, extra: policy.responseSchema)
        let existing = String(decoding: CassetteFile.encodeJSON(log), as: UTF8.self)
        var session = RedactionSession(policy: policy, schema: schema, existingText: [existing])
        let redacted = session.redact(log)
        return RedactionResult(log: redacted, report: session.report, unreadableBodies: session.unreadable)
    }

    /// Where a secret is still visible in a log by the redactor's own rules: known secrets (raw,
    /// URL-encoded, base64 at any alignment, also inside base64 bodies) and value rules. The
    /// independent audit is added by `sanitize(_:policy:)` (CassetteKit). Locations and
    /// rule ids only, never values; empty when clean.
    public static func leaks(in log: HAR.Log, policy: RedactionPolicy) -> [String] {
        LeakCheck(policy: policy).locations(in: log)
    }

    /// A location (a pointer, a header name) with anything that looks secret by the redactor's
    /// rules hidden, for messages about a log redacted under `policy`.
    package static func maskedLocation(_ location: String, policy: RedactionPolicy) -> String {
        LeakCheck(policy: policy).mask(location)
    }
}

/// Redaction could not prove a cassette clean; nothing may be written.
public struct UnsafeCassetteError: Error, Sendable, CustomStringConvertible {
    /// Where secrets survived: `entry 0 response body /data/otp_url (rule value:otpauth)`.
    public var locations: [String]
    /// Bodies no reader understood (content type or encoding), so no rule could be applied
    /// to them by structure.
    public var unreadableBodies: [UnreadableBody]
    /// Creates the refusal from the unsafe locations (never the values).
    public init(locations: [String], unreadableBodies: [UnreadableBody] = []) {
        self.locations = locations
        self.unreadableBodies = unreadableBodies
    }
    public var description: String {
        var parts: [String] = []
        if !unreadableBodies.isEmpty {
            parts.append(
                "refusing to write: redaction cannot read \(unreadableBodies.map(\.description).joined(separator: "; ")). "
                    + "Nothing was written. Pass --allow-opaque-body (in tests: ReplayOptions.redaction.allowOpaqueBodies = true) "
                    + "to keep such bodies after the value rules and the leak check, or drop that entry before recording or importing.")
        }
        if !locations.isEmpty {
            parts.append(
                "refusing to write: a secret survived redaction at \(locations.joined(separator: "; ")). Nothing was written. "
                    + "A binary body or a place no rule rewrites may hold it: drop that part before recording, or report a redaction bug if the place should have been redacted."
            )
        }
        return parts.joined(separator: "\n")
    }
}
