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
            scanParameter(value: parameter.value, at: ScanSite(entry: index, location: "request query \(parameter.name)", key: parameter.name), depth: 1)
        }
        scanText(request.url, at: ScanSite(entry: index, location: "request url"), depth: 0)
        if let post = request.postData {
            for parameter in post.params ?? [] {
                scanParameter(value: parameter.value, at: ScanSite(entry: index, location: "request body form \(parameter.name)", key: parameter.name), depth: 1)
            }
            scanBody(text: post.text, encoding: post.encoding, mimeType: post.mimeType, at: ScanSite(entry: index, location: "request body"))
        }
        let response = entry.response
        scanHeaders(response.headers, side: "response", entry: index, zitadel: false)
        scanCookies(response.cookies, label: "response cookie", entry: index)
        if let text = response.content.text {
            scanBody(text: text, encoding: response.content.encoding, mimeType: response.content.mimeType,
                at: ScanSite(entry: index, location: "response body"))
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
        return ASCIIText.contains("zitadel", in: lower) || ASCIIText.contains("/auth/v1/", in: lower) || ASCIIText.contains("/management/v1/", in: lower)
            || ASCIIText.contains("/oauth/v2/", in: lower) || ASCIIText.contains("/oidc/v1/", in: lower)
    }

    // MARK: Headers and cookies

    private mutating func scanHeaders(_ headers: [HAR.NameValue], side: String, entry: Int, zitadel: Bool) {
        for header in headers {
            let lower = header.name.lowercased()
            let site = ScanSite(entry: entry, location: "\(side) header \(header.name)", key: header.name)
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
                if CredentialNames.isCredentialHeader(header.name) {
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

    private mutating func scanCookies(_ cookies: [HAR.Cookie], label: String, entry: Int) {
        for cookie in cookies {
            scanCookie(name: cookie.name, value: cookie.value, at: ScanSite(entry: entry, location: "\(label) \(cookie.name)", key: cookie.name))
        }
    }

    /// `a=b; c=d` into pairs.
    static func cookiePairs(_ text: String) -> [(String, String)] {
        text.split(separator: ";").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            return (name, pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : "")
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
        if site.carrierRule == nil, SecretKey(name).kind != .plain, scanKeyContext(decoded, at: site) { return }
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

    // MARK: Bodies

    /// A body: base64 decoded (and gunzipped) when stored so, then JSON by pointer, a form by
    /// parameter, or text.
    private mutating func scanBody(text: String, encoding: String?, mimeType: String, at site: ScanSite) {
        var body = text
        if encoding?.lowercased() == "base64" {
            guard var data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return }
            if GzipCodec.isGzip(data) {
                do {
                    data = try GzipCodec.decompress(data, container: .gzip, budget: budget, limit: 16 * 1024 * 1024)
                } catch {
                    if case .budgetExceeded(let refusal) = error {
                        budgetRefusal = refusal
                        return
                    }
                }
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                scanPrintableRuns(data, at: site)
                return
            }
            body = decoded
        }
        let trimmed = ASCIIText.trimmed(body)
        if let first = trimmed.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let json = try? JSONParser.parse(trimmed)
        {
            scanJSON(json, pointer: .root, base: site.location, site: site, depth: 0)
            return
        }
        if mimeType.lowercased().contains("x-www-form-urlencoded") || FormText.looksLikeForm(trimmed) {
            scanForm(trimmed, label: " form ", at: site, depth: 0)
            return
        }
        scanText(trimmed, at: site, depth: 0)
    }

    /// A binary body: known formats in its runs of printable ASCII (what `strings` shows), so a
    /// token inside an image or a protobuf is still found.
    private mutating func scanPrintableRuns(_ data: Data, at site: ScanSite) {
        var run: [UInt8] = []
        func flush(_ scan: inout AuditScan) {
            if run.count >= 16 {
                for hit in TokenFormats.hits(in: String(decoding: run, as: UTF8.self)) {
                    scan.report(hit.rule, secret: hit.secret, at: site)
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        for byte in data {
            if byte >= 0x20 && byte < 0x7f {
                run.append(byte)
            } else {
                flush(&self)
            }
        }
        flush(&self)
    }
}
