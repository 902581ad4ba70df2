import CassetteFormat
import CassetteProviders

/// Which header, cookie, query parameter and body member names carry secrets.
///
/// Names are compared normalized: lowercased, with `_`, `-` and `.` removed, so `access_token`,
/// `accessToken` and `Access-Token` are one name. JSON members use an exact list plus a few
/// suffixes (never a bare substring), so look-alikes such as ZITADEL's `accessTokenType` enum or
/// `hasSecret` flag are left alone.
enum SecretNames {
    /// `access_token` → `accesstoken`.
    static func normalize(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != "." })
    }

    // MARK: Headers

    /// Headers whose whole value is a credential, with the auth scheme word kept.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization"]

    private static let headerFragments = [
        "token", "secret", "key", "session", "auth", "password", "credential", "signature", "bypass", "jwt",
    ]
    private static let harmlessHeaders: Set<String> = [
        "www-authenticate", "proxy-authenticate", "authentication-info", "proxy-authentication-info",
        ":authority", "authority",  // the HTTP/2 host pseudo-header, not a credential
    ]

    /// Whether a header (other than `Cookie`/`Set-Cookie`) carries a secret by its name:
    /// `Authorization`, `X-Api-Key`, `X-Development-Session`, `x-wacht-auth`,
    /// `x-vercel-protection-bypass`, `X-JWT-Assertion`, ...
    static func isSecretHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        if harmlessHeaders.contains(lower) || lower.hasPrefix("access-control-") { return false }
        if credentialHeaders.contains(lower) { return true }
        return headerFragments.contains { ASCIIText.contains($0, in: lower) }
    }

    // MARK: Query and form parameters

    private static let exactParameters: Set<String> = [
        "code", "key", "sig", "signature", "secret", "token", "auth", "authorization", "password", "passwd", "pwd",
        "pass", "otp", "totp", "jwt", "session", "sessionid", "sid", "devsession", "apikey", "authcode",
        "codeverifier", "secretanswer", "securityanswer", "passphrase",
    ]
    private static let parameterFragments = [
        "token", "secret", "password", "apikey", "session", "credential", "signature", "protectionbypass",
    ]
    private static let parameterSuffixes = ["key", "auth"]

    /// Whether a query, fragment or form parameter carries a secret by its name: `token`,
    /// `access_token`, `code` (OAuth), `code_verifier` (PKCE), `secret`, `key`, `__dev_session__`,
    /// `client_secret`, `jsessionid`, `x-vercel-protection-bypass`, ... The PKCE `code_challenge`
    /// (a public hash of the verifier) and the OAuth `state` (a public nonce) are not secrets.
    static func isSecretParameter(_ name: String) -> Bool {
        let normalized = normalize(name)
        if normalized.isEmpty { return false }
        if exactParameters.contains(normalized) { return true }
        if parameterFragments.contains(where: { ASCIIText.contains($0, in: normalized) }) { return true }
        return parameterSuffixes.contains { normalized.hasSuffix($0) }
    }

    // MARK: JSON members

    private static let exactMembers: Set<String> = [
        "token", "secret", "password", "passwd", "apikey", "totpsecret", "otpsecret", "backupcodes",
        "recoverycodes", "privatekey", "secretkey", "clientsecret", "accesskey", "mfasecret", "seed", "otpseed",
        "cookie", "setcookie", "authorization", "manualentrykey", "setupkey", "totpkey", "otpkey", "mfakey",
        "codeverifier", "passphrase", "recoverykey", "recoverykeys", "backupkey", "backupkeys", "recoverycode",
        "backupcode",
    ]
    private static let memberSuffixes = [
        "token", "secret", "password", "apikey", "privatekey", "secretkey", "backupcodes", "recoverycodes",
        "secretaccesskey", "secretanswer", "securityanswer", "codeverifier", "passphrase",
    ]
    /// Extra members that are secret in requests only (an OAuth `code`, a one-time `otp`).
    private static let requestOnlyMembers: Set<String> = ["code", "otp", "totp", "otpcode", "mfacode", "authcode"]

    /// Whether a JSON (or form) member carries a secret by its key. `hasSecret`, `isTokenValid`
    /// and other `has`/`is` flags never do.
    static func isSecretMember(_ key: String, inRequest: Bool) -> Bool {
        let normalized = normalize(key)
        if normalized.hasPrefix("has") || normalized.hasPrefix("is") { return false }
        if exactMembers.contains(normalized) { return true }
        if inRequest, requestOnlyMembers.contains(normalized) { return true }
        return memberSuffixes.contains { normalized.hasSuffix($0) }
    }

    // MARK: Members secret by their place

    /// Members that hold the secret of a secret-named (or secret-grouping) parent:
    /// `token: {value: …}`, `recovery: {codes: […]}`, `credentials: {data: …}`.
    private static let valueChildren: Set<String> = [
        "value", "data", "raw", "plaintext", "plain", "secret", "key", "keys", "token", "code", "codes", "seed",
    ]
    /// Parents that group secrets without a secret name of their own.
    private static let secretGroups: Set<String> = [
        "recovery", "backup", "mfa", "totp", "otp", "twofactor", "2fa", "credential", "credentials", "secrets",
    ]
    /// Sibling members that say what a `value` member is (`{"type": "token", "value": …}`).
    private static let kindMembers: Set<String> = ["type", "kind", "tokentype", "credentialtype", "secrettype"]
    private static let secretKinds = ["token", "secret", "password", "apikey", "credential", "bearer", "otp", "recovery"]

    /// Whether a member is secret because of its parent: a `value`/`data`/`codes`/... member whose
    /// parent key is secret-named (`token.value`, `apiKey.data`) or groups secrets
    /// (`recovery.codes`, `mfa.secret`). `parent` is the nearest enclosing member name.
    static func isSecretChild(_ key: String, parent: String?, inRequest: Bool) -> Bool {
        guard let parent, valueChildren.contains(normalize(key)) else { return false }
        let parentName = normalize(parent)
        return secretGroups.contains(parentName) || isSecretMember(parent, inRequest: inRequest)
    }

    /// Whether a `value`/`data`/`secret` member is secret because a sibling says what it is:
    /// `{"type": "token", "value": …}`, `{"kind": "api_key", "data": …}`. `siblings` are the
    /// object's members (name, string value). ZITADEL's `accessTokenType` names a member, not a
    /// kind member, so it does not count.
    static func isSecretBySibling(_ key: String, siblings: some Sequence<(String, String?)>) -> Bool {
        let name = normalize(key)
        guard name == "value" || name == "data" || name == "secret" else { return false }
        for (sibling, kind) in siblings {
            guard let kind, kindMembers.contains(normalize(sibling)) else { continue }
            let normalized = normalize(kind)
            if normalized == "bearer" || secretKinds.contains(where: { ASCIIText.contains($0, in: normalized) }) { return true }
        }
        return false
    }

    // MARK: Personal data (pseudonymization without a schema)

    private static let personalMembers: [String: String] = [
        "email": "email", "useremail": "email", "emailaddress": "email",
        "phone": "phone", "phonenumber": "phone",
        "firstname": "first-name", "givenname": "first-name",
        "lastname": "last-name", "familyname": "last-name",
        "displayname": "name", "nickname": "name", "fullname": "name",
        "username": "username", "preferredloginname": "username", "loginnames": "username",
        "imageurl": "url", "avatarurl": "url", "profilepictureurl": "url",
        "ipaddress": "ip",
    ]

    /// The personal-data kind of a member by its key, for providers without a schema.
    static func personalKind(_ key: String) -> String? {
        personalMembers[normalize(key)]
    }
}
