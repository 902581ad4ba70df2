/// Corpus cases that fail on `main` before the issue 13 fixes, with the helper branch that owns the
/// fix. The planted-secret tests wrap these in `withKnownIssue(isIntermittent: true)` so the suite
/// stays green while the fixes land; the summary tests list cases that pass although listed here,
/// so the lead can delete their lines once a fix is merged (then a regression fails the build).
///
/// Measured on main at 02b2249 (after the target split): 45 of 94 cases leak through sanitize and
/// import, the audit misses 44 of 94 raw documents.
public enum PlantKnownGaps {
    /// Cases where `Redaction.sanitize` (and so `cassette record`) writes a secret.
    public static let sanitize: [String: String] = [
        "tolerant-json/bom": "readers",
        "tolerant-json/ndjson": "readers",
        "tolerant-json/xssi-prefix": "readers",
        "tolerant-json/jsonp": "readers",
        "tolerant-json/nan": "readers",
        "tolerant-json/lone-surrogate-sibling": "readers",
        "tolerant-json/too-deep-sibling": "readers",
        "text/html-next-data": "readers",
        "text/html-meta": "readers",
        "text/html-hidden-input": "readers",
        "text/xml-session-token": "readers",
        "text/soap-session-id": "readers",
        "text/graphql-inline-password": "readers",
        "text/multipart-text-password": "readers",
        "text/plain-key-equals": "readers",
        "text/plain-key-colon": "readers",
        "encoding/deflate-zlib-base64-body": "readers",
        "encoding/deflate-raw-base64-body": "readers",
        "encoding/gzip-gzip-base64-body": "readers",
        "encoding/deflate-body-jwt": "readers",
        "encoding/base64-html-next-data": "readers",
        "encoding/gzip-xml": "readers",
        "format/jwe-neutral-json": "rules",
        "format/google-api-key-neutral-json": "rules",
        "format/slack-webhook-neutral-json": "rules",
        "format/discord-webhook-neutral-json": "rules",
        "format/telegram-bot-token-neutral-json": "rules",
        "format/openai-project-key-neutral-json": "rules",
        "format/slack-webhook-request-url": "rules",
        "format/discord-webhook-request-url": "rules",
        "format/telegram-bot-path": "rules",
        "format/vercel-bypass-header": "rules",
        "format/vercel-bypass-query": "rules",
        "name/token-object-value": "rules",
        "name/result-value": "rules",
        "name/manual-entry-key-grouped-totp": "rules",
        "name/recovery-codes": "rules",
        "name/secret-answer": "rules",
        "name/pkce-code-verifier": "rules",
        "name/reset-token-path-segment": "rules",
        "echo/bearer-in-error-description": "rules",
        "echo/bearer-in-text-body": "rules",
        "echo/api-key-in-message": "rules",
        "echo/basic-auth-password-in-body": "rules",
        "har/status-text": "rules",
    ]
    /// Cases where `cassette import` writes a secret (the same cases as sanitize on main).
    public static let importer: [String: String] = sanitize
    /// Cases whose raw document `cassette audit` passes.
    public static let audit: [String: String] = [
        "tolerant-json/bom": "audit",
        "tolerant-json/ndjson": "audit",
        "tolerant-json/xssi-prefix": "audit",
        "tolerant-json/jsonp": "audit",
        "tolerant-json/nan": "audit",
        "tolerant-json/lone-surrogate-sibling": "audit",
        "tolerant-json/too-deep-sibling": "audit",
        "text/html-next-data": "audit",
        "text/html-meta": "audit",
        "text/html-hidden-input": "audit",
        "text/xml-session-token": "audit",
        "text/soap-session-id": "audit",
        "text/graphql-inline-password": "audit",
        "text/plain-key-equals": "audit",
        "text/plain-key-colon": "audit",
        "encoding/deflate-zlib-base64-body": "audit",
        "encoding/deflate-raw-base64-body": "audit",
        "encoding/gzip-gzip-base64-body": "audit",
        "encoding/deflate-body-jwt": "audit",
        "encoding/base64-html-next-data": "audit",
        "encoding/gzip-xml": "audit",
        "format/jwe-neutral-json": "audit",
        "format/google-api-key-neutral-json": "audit",
        "format/slack-webhook-neutral-json": "audit",
        "format/discord-webhook-neutral-json": "audit",
        "format/telegram-bot-token-neutral-json": "audit",
        "format/openai-project-key-neutral-json": "audit",
        "format/slack-webhook-request-url": "audit",
        "format/discord-webhook-request-url": "audit",
        "format/telegram-bot-path": "audit",
        "format/vercel-bypass-header": "audit",
        "format/vercel-bypass-query": "audit",
        "name/token-object-value": "audit",
        "name/result-value": "audit",
        "name/manual-entry-key-grouped-totp": "audit",
        "name/recovery-codes": "audit",
        "name/secret-answer": "audit",
        "name/pkce-code-verifier": "audit",
        "name/location-oauth-code": "audit",
        "name/callback-url-oauth-code": "audit",
        "name/jsessionid-path-parameter": "audit",
        "name/reset-token-path-segment": "audit",
        "name/jwt-as-member-name": "audit",
        "har/status-text": "audit",
    ]
    /// Clean cases (secrets replaced by placeholders) that are refused, or flagged by the audit.
    public static let falseAlarms: [String: String] = [
        "name/link-header-access-token": "rules"
    ]
}

extension PlantKnownGaps {
    /// Choices that never failed in 1,500 property samples on main (seed 6914985289602784979): a
    /// sample with one of them must hold; every other sample may still fail until the fixes land.
    /// Widen these sets as the fixes merge (the property test prints failures per choice).
    static let heldPlaces: Set<PlantPlace> = [.cookie, .setCookie]
    static let heldFormats: Set<SecretFormat> = [.atomsKey, .otpauthURL, .stripeLiveKey, .unleashV2]

    /// Whether a property-test sample falls in a class that still leaks through sanitize on main.
    public static func sanitizeMayFail(_ sample: PlantedSample) -> Bool {
        !isHeld(sample)
    }

    /// Whether a property-test sample falls in a class the audit still misses on main.
    public static func auditMayMiss(_ sample: PlantedSample) -> Bool {
        !isHeld(sample)
    }

    /// Held place, or held format in a body that is not deflate or doubly gzip'd.
    static func isHeld(_ sample: PlantedSample) -> Bool {
        let readableEncoding = [nil, .identity, .base64, .gzip].contains(sample.encoding)
        return heldPlaces.contains(sample.place) || (heldFormats.contains(sample.format) && readableEncoding)
    }
}
