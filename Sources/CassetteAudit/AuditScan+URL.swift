import CassetteFormat

extension AuditScan {
    /// Path segments after which the next segment is a one-time token (`/reset-password/<token>`).
    private static let tokenPathWords: Set<String> = [
        "reset", "verify", "verification", "invite", "invitation", "invitations", "confirm", "confirmation", "activate",
        "activation", "magic", "token", "tokens", "unsubscribe", "passwordless", "recover", "recovery", "claim", "accept",
    ]

    /// Parameter names that, next to `code`, mark an OAuth authorization-code exchange or callback.
    private static let oauthCompanions: Set<String> = [
        "state", "session_state", "grant_type", "redirect_uri", "code_verifier", "client_id", "scope", "iss",
    ]

    /// A URL: user-info password, path tokens and matrix parameters (`;jsessionid=`), query and
    /// fragment parameters by name.
    mutating func scanURL(_ url: String, at site: ScanSite, depth: Int) {
        // Delimiters are ASCII, so the UTF-8 view finds them without grapheme breaking, and its
        // indices slice the string on scalar boundaries.
        guard let schemeStart = ASCIIText.firstIndex(of: "://", in: url) else { return }
        let bytes = url.utf8
        let afterScheme = bytes.index(schemeStart, offsetBy: 3)
        let authorityEnd =
            bytes[afterScheme...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            ?? bytes.endIndex
        if let at = bytes[afterScheme..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
            let colon = bytes[afterScheme..<at].firstIndex(of: UInt8(ascii: ":"))
        {
            let password = String(url[bytes.index(after: colon)..<at])
            let decoded = TextDecoding.percentDecoded(password) ?? password
            if !decoded.isEmpty, !LookAlike.isPlaceholder(decoded), !LookAlike.isMask(decoded) {
                report(.passwordKey, secret: decoded, at: site.child(" user-info", key: "password"))
            }
        }
        let rest = bytes[authorityEnd...]
        let pathEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? bytes.endIndex
        scanPath(String(url[authorityEnd..<pathEnd]), at: site, depth: depth)
        var query = Substring("")
        var fragment = Substring("")
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            fragment = url[bytes.index(after: hash)...]
            if let question = rest[..<hash].firstIndex(of: UInt8(ascii: "?")) { query = url[bytes.index(after: question)..<hash] }
        } else if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = url[bytes.index(after: question)...]
        }
        if !query.isEmpty { scanForm(String(query), label: " query ", at: site, depth: depth) }
        if !fragment.isEmpty, fragment.utf8.contains(UInt8(ascii: "=")) {
            scanForm(String(fragment), label: " fragment ", at: site, depth: depth)
        }
    }

    /// Matrix parameters (`/app;jsessionid=...`) by name, and a random-looking segment right after
    /// a reset, verify or invite segment.
    private mutating func scanPath(_ path: String, at site: ScanSite, depth: Int) {
        guard path.utf8.count > 1 else { return }
        var previousWords: [String] = []
        for segment in path.utf8.split(separator: UInt8(ascii: "/")) {
            let text = String(decoding: segment, as: UTF8.self)
            var parts = text.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            let head = parts.isEmpty ? "" : parts.removeFirst()
            for parameter in parts where parameter.utf8.contains(UInt8(ascii: "=")) {
                scanForm(parameter, label: " path ;", at: site, depth: depth)
            }
            let decoded = TextDecoding.percentDecoded(head) ?? head
            if previousWords.contains(where: Self.tokenPathWords.contains), decoded.utf8.count >= 16,
                !LookAlike.isPlaceholder(decoded), !LookAlike.isUUID(decoded), TokenShape.looksRandom(decoded, minimumLength: 16)
            {
                report(.tokenKey, secret: decoded, at: site.child(" path segment", key: nil))
            }
            previousWords = decoded.utf8.count <= 48 ? SecretKey.split(decoded) : []
        }
    }

    /// `a=b&c=d` (query strings, form bodies, fragments): each value under its decoded name; an
    /// OAuth `code` next to `state`, `grant_type` or `redirect_uri`, or in a redirect, is a credential.
    mutating func scanForm(_ text: String, label: String, at site: ScanSite, depth: Int) {
        let pairs = FormText.pairs(text)
        let isOAuth =
            pairs.contains { Self.oauthCompanions.contains($0.0.lowercased()) }
            || ASCIIText.contains("Location", in: site.base) || ASCIIText.contains("redirectURL", in: site.base)
            || ASCIIText.contains("callback", in: site.base)
        for (name, value) in pairs where !value.isEmpty {
            let parameterSite = ScanSite(
                entry: site.entry, location: site.location + label + name, key: name, carrierRule: site.carrierRule)
            if isOAuth, name.lowercased() == "code", value.utf8.count >= 8, !LookAlike.isInert(value), !LookAlike.isMask(value),
                !LookAlike.isEnumName(value)
            {
                report(.oauthCode, secret: value, at: parameterSite)
                continue
            }
            scanParameter(value: value, at: parameterSite, depth: depth)
        }
    }

    /// A named parameter (query, form, fragment): Wacht's session parameters are credentials
    /// whatever their shape; anything else goes through ``scanText(_:at:depth:)``.
    mutating func scanParameter(value: String, at site: ScanSite, depth: Int) {
        var site = site
        if let name = site.key, CredentialNames.isWachtSession(name) {
            site.carrierRule = .wachtSession
            if !LookAlike.isPlaceholder(value), !LookAlike.isInert(value), !LookAlike.isMask(value),
                TokenFormats.hits(in: value).isEmpty
            {
                report(.wachtSession, secret: value, at: site)
                return
            }
        }
        scanText(value, at: site, depth: depth)
    }
}
