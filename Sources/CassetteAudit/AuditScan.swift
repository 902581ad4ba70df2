import CassetteFormat
import Foundation

/// Where a scanned value sits: the interaction, a human-readable location, the key that names
/// the value (JSON member, header, cookie, parameter) and, for session carriers, the rule that
/// names what any credential found there is.
struct ScanSite: Sendable {
    var entry: Int?
    /// The location up to the JSON document a value sits in (`response body`).
    var base: String
    /// The value's JSON pointer in that document; joined to ``base`` only when a finding is
    /// reported, so walking a body builds no strings.
    var pointer: JSONPointer?
    var key: String?
    var carrierRule: AuditRule?
    /// Inside a credential carrier (a cookie): token, password and secret-sounding keys there
    /// name credentials (`credential-header`).
    var isCredentialCarrier = false

    init(entry: Int?, location: String, key: String? = nil, carrierRule: AuditRule? = nil, isCredentialCarrier: Bool = false) {
        self.entry = entry
        self.base = location
        self.key = key
        self.carrierRule = carrierRule
        self.isCredentialCarrier = isCredentialCarrier
    }

    /// `response body /data/token`, `request header Cookie (sid)`, ...
    var location: String {
        guard let pointer, !pointer.tokens.isEmpty else { return base }
        return base + " " + pointer.description
    }

    /// The same place, named by another key one level down.
    func child(_ suffix: String, key: String?) -> ScanSite {
        ScanSite(entry: entry, location: location + suffix, key: key, carrierRule: carrierRule, isCredentialCarrier: isCredentialCarrier)
    }
}

/// One audit pass over one document. Collects findings, one per secret value, rule and
/// interaction (the first location it is seen at), in document order.
struct AuditScan {
    let file: String
    /// The file's read budget: body decompression draws from it.
    let budget: ReadBudget
    /// Set when a body could not be inspected because the budget ran out (the audit then fails).
    var budgetRefusal: ReadBudgetExceeded?
    /// How deep the root of the JSON being walked sits, counting JSON-in-string layers.
    var jsonLayerDepth = 0
    private(set) var findings: [AuditFinding] = []
    private var seen: Set<SeenKey> = []
    /// How many decoding layers (JSON-in-string, URL, form, percent, base64) a value may hide under.
    static let maximumDepth = 6

    private struct SeenKey: Hashable {
        var entry: Int?
        var rule: AuditRule
        var digest: SecretDigest
    }

    init(file: String, budget: ReadBudget? = nil) {
        self.file = file
        self.budget = budget ?? ReadBudget(for: file)
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
        let value = ASCIIText.trimmed(raw)
        guard !value.isEmpty, depth <= AuditScan.maximumDepth, !LookAlike.isPlaceholder(value) else { return }
        let stringDepth = jsonLayerDepth + (site.pointer?.tokens.count ?? 0)
        if let first = value.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let json = try? JSONParser.parseEmbedded(value, at: stringDepth, budget: budget), json.objectValue != nil || json.arrayValue != nil
        {
            let enclosing = jsonLayerDepth
            jsonLayerDepth = stringDepth + 1
            scanJSON(json, pointer: .root, base: site.location + " >", site: site, depth: depth + 1)
            jsonLayerDepth = enclosing
            return
        }
        var found = false
        for hit in TokenFormats.hits(in: value) {
            report(hit.rule, secret: hit.secret, at: site)
            found = true
        }
        if !found, site.key != nil { found = scanKeyContext(value, at: site) }
        guard !found, depth < AuditScan.maximumDepth else { return }
        if ASCIIText.contains("://", in: value) {
            scanURL(value, at: site, depth: depth + 1)
            return
        }
        if FormText.looksLikeForm(value) { scanForm(value, label: " form ", at: site, depth: depth + 1) }
        if ASCIIText.contains(byte: 0x25, in: value), let decoded = value.removingPercentEncoding, decoded != value {
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
            var child = ScanSite(entry: site.entry, location: base, key: site.key, carrierRule: site.carrierRule)
            child.pointer = pointer
            scanText(string, at: child, depth: depth)
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
        // Delimiters are ASCII, so the UTF-8 view finds them without grapheme breaking, and its
        // indices slice the string on scalar boundaries.
        guard let schemeStart = ASCIIText.firstIndex(of: "://", in: url) else { return }
        let bytes = url.utf8
        let afterScheme = bytes.index(schemeStart, offsetBy: 3)
        let authorityEnd = bytes[afterScheme...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            ?? bytes.endIndex
        if let at = bytes[afterScheme..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
            let colon = bytes[afterScheme..<at].firstIndex(of: UInt8(ascii: ":"))
        {
            let password = String(url[bytes.index(after: colon)..<at])
            let decoded = password.removingPercentEncoding ?? password
            if !decoded.isEmpty, !LookAlike.isPlaceholder(decoded), !LookAlike.isMask(decoded) {
                report(.passwordKey, secret: decoded, at: site.child(" user-info", key: "password"))
            }
        }
        let rest = bytes[authorityEnd...]
        var query = Substring("")
        var fragment = Substring("")
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            fragment = url[bytes.index(after: hash)...]
            if let question = rest[..<hash].firstIndex(of: UInt8(ascii: "?")) { query = url[bytes.index(after: question)..<hash] }
        } else if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = url[bytes.index(after: question)...]
        }
        if !query.isEmpty { scanForm(String(query), label: " query ", at: site, depth: depth) }
        if !fragment.isEmpty, fragment.utf8.contains(UInt8(ascii: "=")) { scanForm(String(fragment), label: " fragment ", at: site, depth: depth) }
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
