import CassetteFormat
import Foundation

extension AuditScan {
    /// Every place of a HAR log a secret can sit: headers, cookies, query, URL, bodies (text,
    /// form parameters, base64, gzip), redirect URLs, comments and the toolkit metadata.
    mutating func scanLog(_ log: HAR.Log) {
        for (index, entry) in log.entries.enumerated() {
            scanEntry(entry, index: index, provider: log.cassette?.provider)
        }
        if let comment = log.comment { scanText(comment, at: ScanSite(entry: nil, location: "log comment"), depth: 0) }
        if let baseURL = log.cassette?.baseURL {
            scanText(baseURL, at: ScanSite(entry: nil, location: "log _cassette baseURL"), depth: 0)
        }
    }

    private mutating func scanEntry(_ entry: HAR.Entry, index: Int, provider: String?) {
        let request = entry.request
        let zitadel = Self.isZitadel(url: request.url, provider: provider)
        scanHeaders(request.headers, side: "request", entry: index, zitadel: zitadel)
        scanCookies(request.cookies, label: "request cookie", entry: index)
        for parameter in request.queryString {
            scanParameter(
                value: parameter.value, at: ScanSite(entry: index, location: "request query \(parameter.name)", key: parameter.name),
                depth: 1)
        }
        scanText(request.url, at: ScanSite(entry: index, location: "request url"), depth: 0)
        if let post = request.postData {
            for parameter in post.params ?? [] {
                scanParameter(
                    value: parameter.value,
                    at: ScanSite(entry: index, location: "request body form \(parameter.name)", key: parameter.name), depth: 1)
            }
            scanBody(
                text: post.text, encoding: post.encoding, mimeType: post.mimeType,
                contentEncoding: Self.contentEncoding(request.headers), at: ScanSite(entry: index, location: "request body"))
        }
        let response = entry.response
        scanText(response.statusText, at: ScanSite(entry: index, location: "response statusText"), depth: 0)
        scanHeaders(response.headers, side: "response", entry: index, zitadel: false)
        scanCookies(response.cookies, label: "response cookie", entry: index)
        if let text = response.content.text {
            scanBody(
                text: text, encoding: response.content.encoding, mimeType: response.content.mimeType,
                contentEncoding: Self.contentEncoding(response.headers), at: ScanSite(entry: index, location: "response body"))
        }
        if !response.redirectURL.isEmpty {
            scanText(response.redirectURL, at: ScanSite(entry: index, location: "response redirectURL"), depth: 0)
        }
        if let comment = entry.comment { scanText(comment, at: ScanSite(entry: index, location: "entry comment"), depth: 0) }
    }

    /// ZITADEL requests: by provider profile, host, or the Auth/Management/OAuth API paths.
    static func isZitadel(url: String, provider: String?) -> Bool {
        if provider?.lowercased() == "zitadel" { return true }
        let lower = url.lowercased()
        return ASCIIText.contains("zitadel", in: lower) || ASCIIText.contains("/auth/v1/", in: lower)
            || ASCIIText.contains("/management/v1/", in: lower)
            || ASCIIText.contains("/oauth/v2/", in: lower) || ASCIIText.contains("/oidc/v1/", in: lower)
    }

    // MARK: Headers and cookies

    private mutating func scanHeaders(_ headers: [HAR.NameValue], side: String, entry: Int, zitadel: Bool) {
        for header in headers {
            let lower = header.name.lowercased()
            let site = ScanSite(entry: entry, location: "\(side) header \(Self.printableHeaderName(header.name))", key: header.name)
            switch lower {
            case "cookie":
                for (name, value) in Self.cookiePairs(header.value) {
                    scanCookie(name: name, value: value, at: site.child(" (\(name))", key: name))
                }
            case "set-cookie":
                for line in header.value.split(separator: "\n") {
                    let (name, value) = Self.cookiePairs(String(line.split(separator: ";", maxSplits: 1).first ?? "")).first ?? ("", "")
                    if !name.isEmpty { scanCookie(name: name, value: value, at: site.child(" (\(name))", key: name)) }
                }
            default:
                if keyCache.isCredentialHeader(header.name) {
                    var credentialSite = site
                    if CredentialNames.isWachtSession(header.name) {
                        credentialSite.carrierRule = .wachtSession
                    } else if zitadel, lower == "authorization" {
                        credentialSite.carrierRule = .zitadelBearer
                    }
                    scanCredential(header.value, at: credentialSite)
                } else {
                    scanText(header.value, at: site, depth: 0)
                }
            }
        }
    }

    /// Each cookie's value by its name, and its attributes (path, domain, expires, sameSite) as text.
    private mutating func scanCookies(_ cookies: [HAR.Cookie], label: String, entry: Int) {
        for cookie in cookies {
            let site = ScanSite(entry: entry, location: "\(label) \(cookie.name)", key: cookie.name)
            scanCookie(name: cookie.name, value: cookie.value, at: site)
            for (attribute, text) in [
                ("path", cookie.path), ("domain", cookie.domain), ("expires", cookie.expires), ("sameSite", cookie.sameSite),
            ] {
                if let text, !text.isEmpty { scanText(text, at: site.child(" \(attribute)", key: nil), depth: 0) }
            }
        }
    }

    /// The `Content-Encoding` header's value, when there is one.
    static func contentEncoding(_ headers: [HAR.NameValue]) -> String? {
        headers.first { $0.name.utf8.count == 16 && $0.name.lowercased() == "content-encoding" }?.value
    }

    /// `a=b; c=d` into pairs.
    static func cookiePairs(_ text: String) -> [(String, String)] {
        text.split(separator: ";").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = ASCIIText.trimmed(String(pieces[0]))
            guard !name.isEmpty else { return nil }
            return (name, pieces.count > 1 ? ASCIIText.trimmed(String(pieces[1])) : "")
        }
    }

    /// A cookie: any known format in its (decoded) value; otherwise a session-named cookie or a
    /// random-looking value is a credential unless it is a placeholder.
    private mutating func scanCookie(name: String, value raw: String, at site: ScanSite) {
        var site = site
        if CredentialNames.isWachtSession(name) { site.carrierRule = .wachtSession }
        let quoted = raw.count >= 2 && raw.hasPrefix("\"") && raw.hasSuffix("\"")
        let value = quoted ? String(raw.dropFirst().dropLast()) : raw
        let decoded = value.removingPercentEncoding ?? value
        guard !decoded.isEmpty, !LookAlike.isPlaceholder(decoded), !LookAlike.isMask(decoded),
            !Self.isPlaceholderShaped(decoded)
        else { return }
        let hits = TokenFormats.hits(in: decoded)
        for hit in hits { report(hit.rule, secret: hit.secret, at: site) }
        guard hits.isEmpty, !LookAlike.isInert(decoded) else { return }
        site.isCredentialCarrier = true
        if site.carrierRule == nil, secretKey(name).kind != .plain, scanKeyContext(decoded, at: site) { return }
        if CredentialNames.isSessionCookie(name) || TokenShape.looksRandom(decoded, minimumLength: 16) {
            report(.credentialHeader, secret: decoded, at: site)
        }
    }

    /// A value made of placeholders and punctuation only (`s:REDACTED_1.REDACTED_2`).
    static func isPlaceholderShaped(_ value: String) -> Bool {
        guard ASCIIText.contains(Placeholder.prefix, in: value) else { return false }
        let parts = value.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        return !parts.isEmpty && parts.allSatisfy { LookAlike.isPlaceholder($0) || $0.count <= 2 }
    }

    /// A credential header value: known formats first, then the credential after its scheme
    /// (`Basic` decoded to its password), unless it is a placeholder.
    private mutating func scanCredential(_ raw: String, at site: ScanSite) {
        let value = ASCIIText.trimmed(raw)
        guard !value.isEmpty, !LookAlike.isPlaceholder(value) else { return }
        let hits = TokenFormats.hits(in: value)
        for hit in hits { report(hit.rule, secret: hit.secret, at: site) }
        guard hits.isEmpty else { return }
        let (scheme, credential) = CredentialText.split(value)
        guard !credential.isEmpty, !LookAlike.isPlaceholder(credential), !LookAlike.isMask(credential),
            !Self.isPlaceholderShaped(credential)
        else { return }
        if scheme == "basic", let data = Base64Text.decodeURL(credential), let pair = String(data: data, encoding: .utf8),
            let colon = pair.firstIndex(of: ":")
        {
            let decodedHits = TokenFormats.hits(in: pair)
            for hit in decodedHits { report(hit.rule, secret: hit.secret, at: site) }
            let password = String(pair[pair.index(after: colon)...])
            if decodedHits.isEmpty, !password.isEmpty, !LookAlike.isPlaceholder(password), !LookAlike.isMask(password) {
                report(.credentialHeader, secret: password, at: site)
            }
            return
        }
        if scheme != nil, credential.contains("=") {
            // Digest, AWS4-HMAC-SHA256, OAuth 1 style `k="v", ...` parameter lists.
            let values = credential.split(separator: ",").compactMap { $0.split(separator: "=", maxSplits: 1).last }
            let secrets = values.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
                .filter { TokenShape.looksRandom($0, minimumLength: 16) && !LookAlike.isPlaceholder($0) }
            for secret in secrets { report(.credentialHeader, secret: secret, at: site) }
            return
        }
        report(.credentialHeader, secret: credential, at: site)
    }
}

extension AuditScan {
    /// A header name as a location shows it: a real header name (RFC 9110 token characters, at
    /// most 64) as it is; anything else (a name made of JSON, quotes or escapes, which could
    /// carry a secret the location masks cannot see through) as `<unusual name>`.
    static func printableHeaderName(_ name: String) -> String {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return "<unusual name>" }
        for byte in bytes {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            guard isAlphanumeric || "!#$%&'*+-.^_`|~".utf8.contains(byte) else { return "<unusual name>" }
        }
        return name
    }
}
