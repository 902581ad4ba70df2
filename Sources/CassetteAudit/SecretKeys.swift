import CassetteFormat

/// What a key (JSON member, query or form parameter, cookie or header name) says about its value.
///
/// Keys are split into lowercase words (`accessToken`, `access_token` and `access-token` all give
/// `access token`) and judged by those words. Keys that describe a secret rather than hold one
/// (`hasSecret`, `token_type`, `passwordChanged`, `backup_codes_generated`) are metadata.
struct SecretKey: Sendable {
    /// The kinds of value a key announces, most specific first.
    enum Kind: Sendable, Equatable {
        case backupCodes
        case totpSeed
        case password
        case token
        case secretSounding
        case plain
    }

    let words: [String]
    let joined: String
    /// The kind of value this key announces (worked out once: the scan asks it for every value).
    let kind: Kind
    /// Whether the key, as a parent, can turn a plain child name into a secret one
    /// (`recovery` + `codes`, `totp` + `key`, `security` + `answer`).
    let canQualify: Bool

    init(_ key: String) {
        words = SecretKey.split(key)
        joined = words.joined()
        kind = SecretKey.kind(words: words, joined: joined)
        canQualify = words.contains(where: SecretKey.qualifyingWords.contains)
    }

    private static let metadataFirstWords: Set<String> = [
        "has", "is", "can", "should", "needs", "requires", "require", "allow", "allows", "enable", "enabled", "use",
        "uses", "num", "max", "min", "last", "show", "with", "no",
    ]
    private static let metadataLastWords: Set<String> = [
        "type", "types", "at", "date", "time", "count", "length", "policy", "policies", "required", "enabled", "set",
        "expiry", "expires", "expiration", "in", "changed", "updated", "created", "strength", "name", "names", "id", "ids",
        "strategy", "method", "methods", "status", "provider", "providers", "format", "rule", "rules", "generated",
        "configured", "exists", "present", "verified", "enrolled", "version", "scheme", "kind", "label", "issuer",
        "algorithm", "algorithms", "digits", "period", "url", "uri", "link", "endpoint", "path", "prefix", "hint",
        "remaining", "left", "used", "state", "mode", "flag", "hash", "digest", "fingerprint", "checksum", "etag",
        "location", "locations", "description", "header", "param", "parameter", "field", "style", "ttl", "lifetime",
        "duration", "reset", "hidden", "visible", "exp", "iat", "nbf",
    ]
    fileprivate static let keyQualifiers: Set<String> = [
        "api", "secret", "private", "signing", "access", "encryption", "client", "master", "auth", "session", "license",
        "app", "application", "service", "webhook", "integration", "subscription", "publishable", "consumer", "x",
    ]
    fileprivate static let exactTokenKeys: Set<String> = [
        "token", "accesstoken", "refreshtoken", "idtoken", "secret", "clientsecret", "apikey", "xapikey", "apitoken",
        "apisecret", "authtoken", "sessiontoken", "bearertoken", "privatekey", "secretkey", "signingkey",
        "secretaccesskey", "sessionsecret", "webhooksecret", "resettoken", "invitetoken", "rotatingtoken", "pat",
        "sessionkey", "authkey", "accesskey", "appsecret", "consumersecret", "credential", "credentials", "jwt",
        "sid", "sessionid", "session", "auth", "authorization", "cookie", "bearer", "otp",
        "jsessionid", "phpsessid", "aspsessionid", "sessid", "codeverifier", "pkceverifier", "verifier", "csrftoken",
        "xsrftoken", "authenticitytoken", "samlresponse", "samlassertion",
    ]

    /// Children that only hold their parent's value (`token: {value: ...}`, `secret: {result: ...}`).
    static let genericChildNames: Set<String> = [
        "value", "val", "raw", "plain", "plaintext", "cleartext", "data", "result", "current", "string", "text", "content",
        "body", "payload",
    ]

    private static let qualifyingWords: Set<String> = [
        "recovery", "backup", "totp", "otp", "mfa", "2fa", "twofactor", "password", "secret", "security", "authenticator",
    ]

    /// Whether the key describes a secret instead of holding one.
    var isMetadata: Bool { SecretKey.isMetadata(words) }

    private static func isMetadata(_ words: [String]) -> Bool {
        guard let first = words.first, let last = words.last else { return true }
        if words.count > 1 && SecretKey.metadataFirstWords.contains(first) { return true }
        return words.count > 1 && SecretKey.metadataLastWords.contains(last)
    }

    private static func kind(words: [String], joined: String) -> Kind {
        guard !words.isEmpty else { return .plain }
        if exactTokenKeys.contains(joined) { return .token }
        guard !isMetadata(words) else { return .plain }
        let rules = KindRules(words: words, joined: joined)
        if rules.isBackupCodes { return .backupCodes }
        if rules.isTOTP { return .totpSeed }
        if rules.isPassword { return .password }
        if rules.isToken { return .token }
        if rules.isSecretSounding { return .secretSounding }
        return .plain
    }
}

/// The word rules behind ``SecretKey/kind``, most specific first.
private struct KindRules {
    let words: [String]
    let joined: String

    var isBackupCodes: Bool {
        ASCIIText.contains("backupcode", in: joined) || ASCIIText.contains("recoverycode", in: joined)
            || ((words.contains("backup") || words.contains("recovery")) && ["codes", "code", "keys"].contains(words.last ?? ""))
    }

    var isTOTP: Bool {
        ["totp", "otpsecret", "mfasecret", "twofactor", "authenticatorsecret", "manualentry", "setupkey", "otpkey"]
            .contains { ASCIIText.contains($0, in: joined) }
            || words.contains("mfa") || words.contains("2fa") || words.contains("seed")
            || (words.contains("otp") && words.count > 1)
    }

    var isPassword: Bool {
        ["password", "passwd", "passphrase"].contains { ASCIIText.contains($0, in: joined) }
            || words.contains("pwd") || words.contains("pass") || words.contains("pw")
            || (words.last == "answer" && (words.contains("secret") || words.contains("security")))
    }

    var isToken: Bool {
        if SecretKey.exactTokenKeys.contains(joined) { return true }
        guard let last = words.last else { return false }
        if ["token", "tokens", "secret", "secrets", "apikey", "jwt", "credential", "credentials"].contains(last) { return true }
        if last == "key" || last == "keys", words.count > 1 {
            return SecretKey.keyQualifiers.contains(words[words.count - 2])
        }
        return joined.hasSuffix("apikey") || joined.hasSuffix("secretkey") || joined.hasSuffix("privatekey")
    }

    static let secretSoundingHints: Set<String> = [
        "secret", "secrets", "token", "tokens", "key", "auth", "credential", "credentials", "session", "signature", "sig",
        "private", "cookie", "bearer", "salt", "hmac", "jwt", "apikey", "passcode", "pin", "nonce", "cert", "sess",
    ]

    var isSecretSounding: Bool {
        words.contains(where: KindRules.secretSoundingHints.contains) || ASCIIText.contains("secret", in: joined)
            || ASCIIText.contains("token", in: joined) || ASCIIText.contains("apikey", in: joined)
    }
}

extension SecretKey {
    /// Splits `accessToken`, `access_token`, `X-Access-Token`, `__dev_session__` into lowercase words.
    static func split(_ key: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previous: UInt8?
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in key.utf8 {
            let isUpper = byte >= 65 && byte <= 90
            let isLower = byte >= 97 && byte <= 122
            let isDigit = byte >= 48 && byte <= 57
            guard isUpper || isLower || isDigit else {
                flush()
                previous = nil
                continue
            }
            if let previous, isUpper, (previous >= 97 && previous <= 122) || (previous >= 48 && previous <= 57) {
                flush()
            }
            current.append(isUpper ? byte + 32 : byte)
            previous = byte
        }
        flush()
        return words
    }
}

/// What key names announce, worked out once per distinct name: a value the scan owns and hands
/// from one file to the next within a run (never shared between threads), bounded in size.
struct SecretKeyCache: Sendable {
    private var keys: [String: SecretKey] = [:]

    /// The judgement of `name`, from the cache when it was seen before.
    mutating func key(_ name: String) -> SecretKey {
        if let known = keys[name] { return known }
        let key = SecretKey(name)
        if keys.count < 4096 { keys[name] = key }
        return key
    }

    private var credentialHeaders: [String: Bool] = [:]

    /// ``CredentialNames/isCredentialHeader(_:)``, from the cache when the name was seen before.
    mutating func isCredentialHeader(_ name: String) -> Bool {
        if let known = credentialHeaders[name] { return known }
        let answer = CredentialNames.isCredentialHeader(name)
        if credentialHeaders.count < 4096 { credentialHeaders[name] = answer }
        return answer
    }
}

/// Header names that carry credentials, and cookie/parameter names that carry sessions.
enum CredentialNames {
    private static let headers: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "apikey", "x-auth-token",
        "x-access-token", "x-session-token", "x-refresh-token", "x-development-session", "x-wacht-auth",
        "x-amz-security-token", "x-goog-api-key", "private-token", "x-token", "token", "x-secret", "authentication",
        "x-functions-key", "ocp-apim-subscription-key", "x-auth", "x-user-token", "x-id-token", "x-csrf-token",
        "x-xsrf-token", "x-session", "x-session-id", "x-client-secret", "x-unleash-token",
    ]

    /// Wacht's session carriers (cookies, query parameters and headers).
    private static let wachtSession: Set<String> = [
        "__session", "__dev_session__", "__auth", "x-development-session", "x-wacht-auth",
    ]

    /// Whether a request or response header carries a credential.
    static func isCredentialHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        if headers.contains(lower) { return true }
        if lower.hasPrefix("x-ratelimit") || lower == "www-authenticate" || ASCIIText.contains("authority", in: lower) { return false }
        let key = SecretKey(lower)
        return !key.isMetadata && (key.kind == .token || key.kind == .password)
    }

    /// Whether a cookie, query parameter or header name is one of Wacht's session carriers.
    static func isWachtSession(_ name: String) -> Bool {
        wachtSession.contains(name.lowercased())
    }

    /// Whether a cookie name sounds like a session or credential cookie.
    static func isSessionCookie(_ name: String) -> Bool {
        if isWachtSession(name) { return true }
        let words = SecretKey.split(name)
        let hints: Set<String> = ["session", "sess", "sid", "auth", "token", "jwt", "remember", "login", "secret", "key", "id"]
        let lower = name.lowercased()
        return words.contains(where: hints.contains) || lower.hasSuffix("sessid") || lower.hasSuffix("sessionid")
            || lower.hasSuffix("_sid") || ASCIIText.contains("session", in: lower)
    }
}
