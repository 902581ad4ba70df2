import Foundation

/// Where a scanned value sits: the interaction, a human-readable location, the key that names
/// the value (JSON member, header, cookie, parameter) and, for session carriers, the rule that
/// names what any credential found there is.
struct ScanSite: Sendable {
    var entry: Int?
    var location: String
    var key: String?
    var carrierRule: AuditRule?
    /// Inside a credential carrier (a cookie): token, password and secret-sounding keys there
    /// name credentials (`credential-header`).
    var isCredentialCarrier = false

    /// The same place, named by another key one level down.
    func child(_ suffix: String, key: String?) -> ScanSite {
        ScanSite(entry: entry, location: location + suffix, key: key, carrierRule: carrierRule, isCredentialCarrier: isCredentialCarrier)
    }
}

/// One audit pass over one document. Collects findings, one per secret value, rule and
/// interaction (the first location it is seen at), in document order.
struct AuditScan {
    let file: String
    private(set) var findings: [AuditFinding] = []
    private var seen: Set<SeenKey> = []
    /// How many decoding layers (JSON-in-string, URL, form, percent, base64) a value may hide under.
    static let maximumDepth = 6

    private struct SeenKey: Hashable {
        var entry: Int?
        var rule: AuditRule
        var digest: SecretDigest
    }

    init(file: String) {
        self.file = file
    }

    /// Records a finding; a carrier (Wacht session cookie, ZITADEL Authorization) renames generic
    /// credential rules to the carrier's rule.
    mutating func report(_ rule: AuditRule, secret: String, at site: ScanSite) {
        var effective = rule
        if let carrier = site.carrierRule, [.jwt, .credentialHeader, .tokenKey, .highEntropyUnderSecretKey].contains(rule) {
            effective = carrier
        } else if site.isCredentialCarrier, [.tokenKey, .passwordKey, .highEntropyUnderSecretKey].contains(rule) {
            effective = .credentialHeader
        }
        let digest = SecretDigest(of: secret)
        guard seen.insert(SeenKey(entry: site.entry, rule: effective, digest: digest)).inserted else { return }
        findings.append(AuditFinding(
            file: file, entry: site.entry, location: site.location, ruleID: effective.id,
            preview: SecretPreview.mask(secret), valueDigest: digest))
    }

    // MARK: Text values, through every decoding layer

    /// Inspects one string value: JSON inside it, then known formats anywhere in it, then what its
    /// key says, then (when nothing was found) what hides under URL, form, percent and base64
    /// encodings.
    mutating func scanText(_ raw: String, at site: ScanSite, depth: Int) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty, depth <= AuditScan.maximumDepth, !LookAlike.isPlaceholder(value) else { return }
        if let first = value.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let json = try? JSONParser.parse(value), json.objectValue != nil || json.arrayValue != nil
        {
            scanJSON(json, pointer: .root, base: site.location + " >", site: site, depth: depth + 1)
            return
        }
        var found = false
        for hit in TokenFormats.hits(in: value) {
            report(hit.rule, secret: hit.secret, at: site)
            found = true
        }
        if !found, site.key != nil { found = scanKeyContext(value, at: site) }
        guard !found, depth < AuditScan.maximumDepth else { return }
        if value.contains("://") {
            scanURL(value, at: site, depth: depth + 1)
            return
        }
        if FormText.looksLikeForm(value) { scanForm(value, label: " form ", at: site, depth: depth + 1) }
        if value.contains("%"), let decoded = value.removingPercentEncoding, decoded != value {
            scanText(decoded, at: site, depth: depth + 1)
        } else if let decoded = Base64Text.decodeReadableText(value) {
            scanText(decoded, at: site, depth: depth + 1)
        }
    }

    /// Applies the key-context rules to a value; returns whether it reported.
    mutating func scanKeyContext(_ value: String, at site: ScanSite) -> Bool {
        guard let name = site.key else { return false }
        let credential = CredentialText.strippingScheme(value)
        guard !credential.isEmpty, !LookAlike.isPlaceholder(credential), !LookAlike.isMask(credential) else { return false }
        let key = SecretKey(name)
        switch key.kind {
        case .backupCodes:
            let codes = credential.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).filter(ValueShape.isBackupCode)
            for code in codes { report(.backupCodes, secret: String(code), at: site) }
            return !codes.isEmpty
        case .totpSeed:
            if ValueShape.isBase32Seed(credential) || (!LookAlike.isInert(credential) && TokenShape.looksRandom(credential, minimumLength: 8)) {
                report(.totpSeed, secret: credential, at: site)
                return true
            }
            return false
        case .password:
            guard !LookAlike.isFlagWord(credential), !ValueShape.isProse(credential) else { return false }
            report(.passwordKey, secret: credential, at: site)
            return true
        case .token:
            if ["secret", "secretkey", "key", "seed"].contains(key.joined), ValueShape.isBase32Seed(credential) {
                report(.totpSeed, secret: credential, at: site)
                return true
            }
            guard credential.utf8.count >= 8, !LookAlike.isInert(credential), !LookAlike.isEnumName(credential),
                !ValueShape.isProse(credential)
            else { return false }
            report(.tokenKey, secret: credential, at: site)
            return true
        case .secretSounding:
            guard !LookAlike.isInert(credential), TokenShape.looksRandom(credential) else { return false }
            report(.highEntropyUnderSecretKey, secret: credential, at: site)
            return true
        case .plain:
            return false
        }
    }

    // MARK: Structures

    /// Walks a JSON value; array elements inherit their array's key (`backup_codes[3]`).
    mutating func scanJSON(_ value: JSONValue, pointer: JSONPointer, base: String, site: ScanSite, depth: Int) {
        switch value {
        case .object(let object):
            for member in object {
                scanJSON(member.value, pointer: pointer.appending(member.key), base: base,
                    site: ScanSite(entry: site.entry, location: site.location, key: member.key, carrierRule: site.carrierRule), depth: depth)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                scanJSON(element, pointer: pointer.appending(index), base: base, site: site, depth: depth)
            }
        case .string(let string):
            let location = pointer.tokens.isEmpty ? base : base + " " + pointer.description
            scanText(string, at: ScanSite(entry: site.entry, location: location, key: site.key, carrierRule: site.carrierRule), depth: depth)
        case .number(let number):
            if let key = site.key, SecretKey(key).kind == .backupCodes, number.isInteger, number.literal.utf8.count >= 6 {
                let location = base + " " + pointer.description
                report(.backupCodes, secret: number.literal, at: ScanSite(entry: site.entry, location: location, key: key))
            }
        case .bool, .null:
            break
        }
    }

    /// A URL: user-info password, query parameters and fragment parameters by name.
    mutating func scanURL(_ url: String, at site: ScanSite, depth: Int) {
        guard let schemeEnd = url.range(of: "://") else { return }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                let password = String(userInfo[userInfo.index(after: colon)...])
                let decoded = password.removingPercentEncoding ?? password
                if !decoded.isEmpty, !LookAlike.isPlaceholder(decoded), !LookAlike.isMask(decoded) {
                    report(.passwordKey, secret: decoded, at: site.child(" user-info", key: "password"))
                }
            }
        }
        let rest = afterScheme[authorityEnd...]
        var query = Substring("")
        var fragment = Substring("")
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            if let question = rest[..<hash].firstIndex(of: "?") { query = rest[rest.index(after: question)..<hash] }
        } else if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
        }
        if !query.isEmpty { scanForm(String(query), label: " query ", at: site, depth: depth) }
        if !fragment.isEmpty, fragment.contains("=") { scanForm(String(fragment), label: " fragment ", at: site, depth: depth) }
    }

    /// `a=b&c=d` (query strings, form bodies, fragments): each value under its decoded name.
    mutating func scanForm(_ text: String, label: String, at site: ScanSite, depth: Int) {
        for (name, value) in FormText.pairs(text) where !value.isEmpty {
            scanParameter(value: value, at: ScanSite(entry: site.entry, location: site.location + label + name, key: name, carrierRule: site.carrierRule), depth: depth)
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

/// Value shapes the key-context rules look for.
enum ValueShape {
    /// A base32 TOTP seed: at least 16 characters of `A-Z2-7` (one case), spaces and padding allowed.
    static func isBase32Seed(_ value: String) -> Bool {
        let compact = value.filter { $0 != " " && $0 != "=" }
        guard compact.utf8.count >= 16, compact.utf8.count <= 128 else { return false }
        let upper = compact.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 50 && $0 <= 55) }
        let lower = compact.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 50 && $0 <= 55) }
        return upper || lower
    }

    /// A backup or recovery code: `XXXX-XXXX` groups, 8–24 letters and digits with a digit, or 6–12 digits.
    static func isBackupCode(_ value: Substring) -> Bool {
        let groups = value.split(separator: "-", omittingEmptySubsequences: false)
        let alphanumeric: (Substring) -> Bool = { $0.utf8.allSatisfy(TokenFormats.isAlphanumeric) }
        if groups.count >= 2, groups.allSatisfy({ $0.utf8.count >= 3 && $0.utf8.count <= 8 && alphanumeric($0) }) {
            return !LookAlike.isTimestamp(String(value))
        }
        guard groups.count == 1, alphanumeric(value) else { return false }
        let hasDigit = value.utf8.contains { $0 >= 48 && $0 <= 57 }
        if value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return (6...12).contains(value.utf8.count) }
        return hasDigit && (8...24).contains(value.utf8.count)
    }

    /// Sentences (validation messages such as "must be at least 8 characters") rather than values.
    static func isProse(_ value: String) -> Bool {
        value.filter { $0 == " " }.count >= 3
    }
}

/// Credentials written with an authentication scheme (`Bearer x`, `Basic x`, `Token x`).
enum CredentialText {
    private static let schemes: Set<String> = ["bearer", "basic", "token", "digest", "apikey", "api-key", "jwt", "negotiate", "hmac", "session"]

    /// The credential after a known scheme word, or the value itself.
    static func strippingScheme(_ value: String) -> String {
        guard let space = value.firstIndex(of: " ") else { return value }
        let scheme = value[..<space].lowercased()
        guard schemes.contains(scheme) else { return value }
        return value[value.index(after: space)...].trimmingCharacters(in: .whitespaces)
    }

    /// The scheme word (lowercased) and the credential after it, when the value has one.
    static func split(_ value: String) -> (scheme: String?, credential: String) {
        guard let space = value.firstIndex(of: " ") else { return (nil, value) }
        let word = value[..<space]
        guard word.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else { return (nil, value) }
        return (word.lowercased(), value[value.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }
}

/// `application/x-www-form-urlencoded` text.
enum FormText {
    /// Whether every `&`-separated part is `name=value` with a plain name.
    static func looksLikeForm(_ text: String) -> Bool {
        guard text.contains("="), !text.contains(" "), !text.contains("\n") else { return false }
        return text.split(separator: "&").allSatisfy { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return false }
            return pair[..<equals].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.[]%".contains($0)) }
        }
    }

    /// The decoded pairs (`+` as space, percent-decoding), in order.
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(whereSeparator: { $0 == "&" || $0 == ";" }).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]).trimmingCharacters(in: .whitespaces), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
