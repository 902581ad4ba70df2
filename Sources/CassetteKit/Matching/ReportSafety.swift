import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
import Foundation

/// Keeps secret values out of near-miss reports, error messages and test output.
///
/// Requests are redacted before they are matched, so reports normally show placeholders only.
/// This is the second line of defence for what redaction did not know about: values of
/// headers, cookies, query parameters and JSON members whose names look secret, and values that
/// look like credentials wherever they are, are shown as `<hidden>` (no length, no hash), while
/// placeholders and the shape around them stay visible (`Bearer REDACTED_1`, `Bearer <hidden>`).
public enum ReportSafety {
    /// What a hidden value is shown as.
    public static let hidden = "<hidden>"

    private static let sensitiveFragments = [
        "auth", "token", "secret", "passw", "apikey", "api-key", "api_key", "session", "cookie", "signature",
        "credential", "otp", "private", "sig", "jwt", "bearer", "access_key", "accesskey", "code",
    ]

    /// Whether a header, cookie, parameter or member name suggests a secret value.
    public static func isSensitiveName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return sensitiveFragments.contains { lower.contains($0) }
    }

    /// Whether a value looks like a credential whatever its name (a JWT, an `sk_` key, an
    /// `otpauth://` URL, an Unleash token).
    public static func looksLikeCredential(_ value: String) -> Bool {
        let trimmed = value.drop { $0 == " " }
        if trimmed.hasPrefix("eyJ"), trimmed.filter({ $0 == "." }).count >= 2 { return true }
        if trimmed.hasPrefix("sk_") || trimmed.hasPrefix("otpauth://") || trimmed.hasPrefix("wct_") { return true }
        if trimmed.hasPrefix("user:") || trimmed.hasPrefix("*:*.") { return true }
        return false
    }

    /// A value fit for display under `name`: unchanged when harmless, otherwise with every
    /// part that is not a placeholder replaced by ``hidden`` (an auth scheme word is kept).
    public static func display(name: String, value: String) -> String {
        if isSensitiveName(name) { return mask(value) }
        if looksLikeCredential(value) { return mask(value) }
        return value
    }

    /// A JSON value fit for display under `name`.
    public static func display(name: String, json: JSONValue) -> String {
        if case .string(let text) = json { return JSONValue.string(display(name: name, value: text)).jsonText }
        if isSensitiveName(name), json != .null { return hidden }
        return truncate(json.jsonText, limit: 80)
    }

    /// The value with everything but placeholders, auth scheme words and cookie names hidden.
    public static func mask(_ value: String) -> String {
        if value.isEmpty { return value }
        if value.contains(";") || (value.contains("=") && !value.contains(" ")) {
            // Cookie list or key=value pairs: keep the names.
            return value.split(separator: ";", omittingEmptySubsequences: false).map { part in
                let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pieces.count == 2 else { return maskToken(String(part)) }
                return "\(pieces[0])=\(maskToken(String(pieces[1])))"
            }.joined(separator: ";")
        }
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count == 2, ["bearer", "basic", "token", "digest", "apikey"].contains(words[0].lowercased()) {
            return "\(words[0]) \(maskToken(words[1]))"
        }
        return maskToken(value)
    }

    /// A URL fit for display: query values under sensitive names, or that look like
    /// credentials, hidden.
    public static func display(url: String) -> String {
        guard let queryStart = url.firstIndex(of: "?") else { return url }
        let base = url[..<queryStart]
        let query = url[url.index(after: queryStart)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return String(pair) }
            let name = String(pieces[0])
            let value = String(pieces[1])
            let decoded = value.removingPercentEncodingIfPossible
            let shown = display(name: name, value: decoded)
            return shown == decoded ? String(pair) : "\(name)=\(shown)"
        }
        return base + "?" + pairs.joined(separator: "&")
    }

    /// Shortens long text for one-line display.
    public static func truncate(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    private static func maskToken(_ token: String) -> String {
        let trimmed = token.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || Placeholder.isPlaceholder(trimmed) { return token }
        let leading = token.prefix { $0 == " " }
        return leading + hidden
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        removingPercentEncoding ?? self
    }
}
