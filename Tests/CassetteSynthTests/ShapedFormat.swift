import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation

/// One wire format the redactor keeps: how to make a fresh secret of it, where it sits in a
/// response, and the schema its placeholder must meet.
struct ShapedFormat: Sendable {
    enum Schema: Sendable {
        /// A subschema of a provider's `/me` schema, by JSON pointer.
        case provider(String, String)
        /// A string pattern (formats the provider schemas do not carry: credentials, other services).
        case pattern(String)
    }

    var name: String
    var secret: @Sendable () -> String
    /// The characters that are secret (the body after a published prefix, a JWT's signature).
    var secretPart: @Sendable (String) -> String = { $0 }
    /// The response body carrying a value.
    var body: @Sendable (String) -> String
    /// Where the value sits in the body.
    var pointer: [String]
    var schema: Schema
    /// The placeholder inside the redacted field (the seed of an `otpauth://` URL).
    var extract: @Sendable (String) -> String = { $0 }
    /// The field value for a placeholder (the URL around a seed).
    var wireValue: @Sendable (String) -> String = { $0 }

    func log(_ values: [String]) -> HAR.Log {
        let entries = values.enumerated().map { index, value in
            let text = body(value)
            let response = HAR.Response(
                status: 200, statusText: "OK", headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(body: Data(text.utf8), mimeType: "application/json"), bodySize: text.utf8.count)
            return HAR.Entry(
                startedDateTime: "2024-01-02T03:04:0\(index).000Z", time: 10,
                request: HAR.Request(method: "GET", url: "https://api.example.com/me"), response: response)
        }
        return HAR.Log(entries: entries, cassette: CassetteMetadata(provider: nil, source: "test", recordedAt: "2024-01-02T03:04:05Z"))
    }

    func log(_ value: String) -> HAR.Log { log([value]) }

    /// The placeholders the redactor writes for `values`, all in one cassette.
    func redact(_ values: [String]) throws -> [String] {
        let clean = try Redaction.sanitize(log(values), policy: RedactionPolicy())
        return try clean.entries.map { entry in
            let body = try JSONParser.parse(entry.response.content.text ?? "")
            var value: JSONValue? = body
            for token in pointer { value = Int(token).flatMap { value?.arrayValue?[$0] } ?? value?[token] }
            return extract(value?.stringValue ?? "")
        }
    }

    func placeholder(redacting secret: String) throws -> String { try redact([secret])[0] }

    func validator() throws -> JSONSchemaValidator {
        switch schema {
        case .provider(let provider, let location):
            let root = try ProviderSchemas.me(for: provider)
            let reference = try JSONParser.parse(#"{"$ref": "urn:shaped:\#(provider)#\#(location)"}"#)
            return try JSONSchemaValidator(schema: reference, remotes: ["urn:shaped:\(provider)": root])
        case .pattern(let pattern):
            let escaped = pattern.replacingOccurrences(of: "\\", with: "\\\\")
            return try JSONSchemaValidator(schema: try JSONParser.parse(#"{"type": "string", "pattern": "\#(escaped)"}"#))
        }
    }
}

extension ShapedFormat {
    static let note = ["data", "note"]
    static func noteBody(_ value: String) -> String { #"{"data":{"note":"\#(value)"}}"# }

    /// Every format, each tried by every check of `ShapedPlaceholderTests`.
    static let all: [ShapedFormat] = firstPass + more

    static let firstPass: [ShapedFormat] = [
        ShapedFormat(
            name: "Wacht backup code", secret: RandomSecret.backupCode,
            body: { #"{"data":{"backup_codes":["\#($0)"]}}"# }, pointer: ["data", "backup_codes", "0"],
            schema: .provider("wacht", "/$defs/currentUser/properties/backup_codes/items")),
        ShapedFormat(
            name: "Wacht TOTP seed", secret: { RandomSecret.base32(32) },
            body: { #"{"data":{"totp_secret":"\#($0)"}}"# }, pointer: ["data", "totp_secret"],
            schema: .provider("wacht", "/$defs/currentUser/properties/totp_secret")),
        ShapedFormat(
            name: "Wacht otp_url seed", secret: { RandomSecret.base32(32) },
            body: { #"{"data":{"user_authenticator":{"otp_url":"\#(otpURL($0))"}}}"# },
            pointer: ["data", "user_authenticator", "otp_url"],
            schema: .provider("wacht", "/$defs/authenticator/properties/otp_url"),
            extract: { String($0.split(separator: "=").last ?? "") }, wireValue: otpURL),
        ShapedFormat(
            name: "Atoms key", secret: RandomSecret.atomsKey, secretPart: { String($0.dropFirst(3)) },
            body: noteBody, pointer: note, schema: .pattern("^sk_[A-Za-z0-9_-]{16,}$")),
        ShapedFormat(
            name: "Unleash client token", secret: RandomSecret.unleashClientToken, secretPart: { String($0.suffix(56)) },
            body: { #"{"user":{"secret":"\#($0)"}}"# }, pointer: ["user", "secret"], schema: .provider("unleash", "/$defs/apiToken")),
        ShapedFormat(
            name: "Unleash admin token", secret: RandomSecret.unleashAdminToken, secretPart: { String($0.suffix(56)) },
            body: { #"{"user":{"secret":"\#($0)"}}"# }, pointer: ["user", "secret"], schema: .provider("unleash", "/$defs/apiToken")),
        ShapedFormat(
            name: "Unleash personal access token", secret: RandomSecret.unleashPAT, secretPart: { String($0.suffix(56)) },
            body: noteBody, pointer: note, schema: .pattern("^user:[0-9a-f]{56}$")),
        ShapedFormat(
            name: "JWT", secret: { RandomSecret.jwt() }, secretPart: { String($0.split(separator: ".").last ?? "") },
            body: noteBody, pointer: note, schema: .pattern(#"^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"#)),
        ShapedFormat(
            name: "GitHub token", secret: { RandomSecret.gitHubToken("ghp") }, secretPart: { String($0.dropFirst(4)) },
            body: noteBody, pointer: note, schema: .pattern("^ghp_[A-Za-z0-9]{36,}$")),
        ShapedFormat(
            name: "AWS access key id", secret: { RandomSecret.awsAccessKeyID() }, secretPart: { String($0.dropFirst(4)) },
            body: noteBody, pointer: note, schema: .pattern("^AKIA[A-Z0-9]{16}$")),
        ShapedFormat(
            name: "Twilio API key", secret: RandomSecret.twilioAPIKey, secretPart: { String($0.dropFirst(2)) },
            body: { #"{"data":{"api_key":"\#($0)"}}"# }, pointer: ["data", "api_key"], schema: .pattern("^SK[0-9a-fA-F]{32}$")),
        ShapedFormat(
            name: "Stripe key", secret: { RandomSecret.stripeKey("sk_live") }, secretPart: { String($0.dropFirst(8)) },
            body: noteBody, pointer: note, schema: .pattern("^sk_live_[A-Za-z0-9]{16,}$")),
        ShapedFormat(
            name: "free-form password", secret: { RandomSecret.alphanumeric(24) },
            body: { #"{"data":{"password":"\#($0)"}}"# }, pointer: ["data", "password"], schema: .pattern("^REDACTED_[0-9]+$")),
    ]

    @Sendable static func otpURL(_ seed: String) -> String {
        "otpauth://totp/Wacht:ada%40example.com?algorithm=SHA1&digits=6&issuer=Wacht&period=30&secret=\(seed)"
    }
}
