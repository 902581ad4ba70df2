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
    /// Inside free text (a `name: value` found by shape): bare words under password names are code, not passwords.
    var isFreeText = false

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
        var site = ScanSite(
            entry: entry, location: location + suffix, key: key, carrierRule: carrierRule, isCredentialCarrier: isCredentialCarrier)
        site.isFreeText = isFreeText
        return site
    }
}

/// One audit pass over one document. Collects findings, one per secret value, rule and
/// interaction (the first location it is seen at), in document order.
///
/// `scanText` remembers clean values (``CleanTextCache``): its outcome may depend only on the
/// value, the context that cache's `Entry` lists, and state whose influence is counted
/// (``reportCalls``, ``stateDependentSkips``). A new field that `scanText` reads must join the
/// `Entry` or be counted the same way.
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
    private var notices: Set<String> = []
    /// How many decoding layers (JSON-in-string, URL, form, percent, base64) a value may hide under.
    static let maximumDepth = 6
    /// How deep JSON may nest, counted across JSON-inside-string layers (the parser's own limit
    /// is per document); deeper is reported as ``AuditRule/budgetExceeded``.
    static let maximumNesting = 520
    /// Bytes the audit inflates from compressed bodies per file; past it the file gets an
    /// ``AuditRule/budgetExceeded`` finding instead of more work.
    static let inflateBudgetPerFile = 8 * 1024 * 1024

    /// Inflate budget left in this file.
    var inflateRemaining = AuditScan.inflateBudgetPerFile
    /// Current JSON nesting, across layers.
    var nesting = 0
    /// What each key name announces, computed once per distinct name (and carried from file to
    /// file within one run of the audit, where the same names repeat).
    var keyCache = SecretKeyCache()
    /// Clean values of earlier scans in this run (see ``CleanTextCache``).
    var cleanTexts = CleanTextCache()
    /// Member names of 16 bytes or more already found to hold no token format, in this run.
    var cleanMemberNames: Set<String> = []
    /// Member names already reported as token formats in this file (reported once per file).
    private var reportedMemberNames: Set<String> = []
    /// Calls of ``report(_:secret:at:)`` and ``reportNotice(_:_:at:)``, deduplicated or not: a
    /// scan that made none found nothing, whatever the file had shown before.
    private(set) var reportCalls = 0
    /// Checks skipped because of what this file showed before (a member name already reported):
    /// a scan that skipped one is not known clean in another file.
    private(set) var stateDependentSkips = 0

    /// One secret value is reported once per interaction, under the first rule that finds it.
    private struct SeenKey: Hashable {
        var entry: Int?
        var digest: SecretDigest
    }

    init(file: String, budget: ReadBudget? = nil) {
        self.file = file
        self.budget = budget ?? ReadBudget(for: file)
    }

    /// Records a finding; a carrier (Wacht session cookie, ZITADEL Authorization) renames generic
    /// credential rules to the carrier's rule.
    mutating func report(_ rule: AuditRule, secret: String, at site: ScanSite) {
        reportCalls += 1
        var effective = rule
        if let carrier = site.carrierRule, [.jwt, .credentialHeader, .tokenKey, .highEntropyUnderSecretKey].contains(rule) {
            effective = carrier
        } else if site.isCredentialCarrier, [.tokenKey, .passwordKey, .highEntropyUnderSecretKey].contains(rule) {
            effective = .credentialHeader
        }
        let digest = SecretDigest(of: secret)
        guard seen.insert(SeenKey(entry: site.entry, digest: digest)).inserted else { return }
        findings.append(
            AuditFinding(
                file: file, entry: site.entry, location: SafeLocation.masked(site.location), ruleID: effective.id,
                preview: SecretPreview.mask(secret), valueDigest: digest))
    }

    /// Records a finding about the file itself (nothing decoded to check, budget spent): no
    /// value, so no baseline can accept it; once per rule and interaction.
    mutating func reportNotice(_ rule: AuditRule, _ what: String, at site: ScanSite) {
        reportCalls += 1
        guard notices.insert("\(rule.id) \(site.entry ?? -1)").inserted else { return }
        findings.append(
            AuditFinding(
                file: file, entry: site.entry, location: SafeLocation.masked(site.location), ruleID: rule.id, preview: what))
    }

    /// The key's words and kind, cached per name.
    mutating func secretKey(_ name: String) -> SecretKey {
        keyCache.key(name)
    }

    /// The name a JSON member's value is judged by: its own when it says something, the
    /// parent's for generic children (`token: {value: ...}`, `secret: {result: {value: ...}}`),
    /// or both joined when together they name codes, seeds or passwords (`recovery: {codes: [...]}`).
    /// `parentKey` is the parent's judgement (looked up once per object, not once per member).
    mutating func resolvedKey(_ name: String, parent: String?, parentKey: SecretKey?) -> String {
        guard let parent, let parentKey else { return name }
        if secretKey(name).kind != .plain { return name }
        if parentKey.kind != .plain, SecretKey.genericChildNames.contains(name.lowercased()) { return parent }
        guard parentKey.canQualify else { return name }
        let combined = parent + "_" + name
        switch secretKey(combined).kind {
        case .backupCodes, .totpSeed, .password: return combined
        default: return name
        }
    }

    // MARK: Text values, through every decoding layer

    /// Inspects one string value: JSON inside it, then known formats anywhere in it, then what its
    /// key says, then what hides in it: URLs, forms, `name: value` shapes, XML and HTML, multipart
    /// parts, JSON escapes and (when nothing was found) percent and base64 encodings.
    mutating func scanText(_ raw: String, at site: ScanSite, depth: Int) {
        let count = raw.utf8.count
        // Nesting can only grow by one level per byte: a value this short cannot reach the limit,
        // so the outcome does not depend on how deep it sits.
        guard count >= CleanTextCache.minimumTextBytes, count <= CleanTextCache.maximumTextBytes,
            nesting + count < AuditScan.maximumNesting
        else {
            scanTextOnce(raw, at: site, depth: depth)
            return
        }
        let entry = CleanTextCache.Entry(
            text: raw, base: site.base, pointer: site.pointer, key: site.key, carrierRule: site.carrierRule,
            isCredentialCarrier: site.isCredentialCarrier, isFreeText: site.isFreeText, depth: depth,
            jsonLayerDepth: jsonLayerDepth, depthLimit: budget.limits.maximumDepth)
        if let work = cleanTexts.work(for: entry), budget.remainingWork >= work {
            if work > 0 { try? budget.spendWork(work) }
            return
        }
        let calls = reportCalls
        let skips = stateDependentSkips
        let workBefore = budget.workSpent
        scanTextOnce(raw, at: site, depth: depth)
        guard reportCalls == calls, stateDependentSkips == skips, budget.workSpent <= budget.limits.maximumWork else { return }
        cleanTexts.remember(entry, work: budget.workSpent - workBefore)
    }

    /// ``scanText(_:at:depth:)`` without the cache.
    private mutating func scanTextOnce(_ raw: String, at site: ScanSite, depth: Int) {
        let value = ASCIIText.trimmed(raw)
        guard !value.isEmpty, depth <= AuditScan.maximumDepth, !LookAlike.isPlaceholder(value) else { return }
        let shape = TextShapeSummary(value)
        // No format is shorter than 16 bytes: a short value under a plain name holds nothing.
        if shape.count < 8, site.key.map({ secretKey($0).kind == .plain }) ?? true { return }
        let stringDepth = jsonLayerDepth + (site.pointer?.tokens.count ?? 0)
        if shape.startsStructured, let json = try? JSONParser.parseEmbedded(value, at: stringDepth, budget: budget),
            json.objectValue != nil || json.arrayValue != nil
        {
            let enclosing = jsonLayerDepth
            jsonLayerDepth = stringDepth + 1
            scanJSON(json, pointer: .root, base: site.location + " >", site: site, depth: depth + 1)
            jsonLayerDepth = enclosing
            return
        }
        // A JSON string literal inside a string (JSON encoded twice): its value, one layer down.
        if shape.isQuoted, depth < AuditScan.maximumDepth, case .string(let inner)? = try? JSONParser.parse(value) {
            scanText(inner, at: site, depth: depth + 1)
            return
        }
        var found = false
        for hit in TokenFormats.hits(in: value) {
            report(hit.rule, secret: hit.secret, at: site)
            found = true
        }
        if !found, site.key != nil { found = scanKeyContext(value, at: site) }
        guard depth < AuditScan.maximumDepth else { return }
        if shape.hasScheme {
            if !shape.hasSpace {
                if !found { scanURL(value, at: site, depth: depth + 1) }
                return
            }
            for url in URLText.urls(in: value) { scanURL(url, at: site, depth: depth + 1) }
        }
        if !shape.hasSpace, FormText.looksLikeForm(value) {
            scanForm(value, label: " form ", at: site, depth: depth + 1)
        } else if shape.hasAngle
            || (shape.hasSeparator && (shape.hasSpace || shape.startsStructured || (depth == 0 && site.pointer == nil)))
        {
            scanStructuredText(value, at: site, depth: depth + 1)
        }
        if shape.hasBackslash, let unescaped = TextDecoding.jsonUnescaped(value) {
            scanText(unescaped, at: site, depth: depth + 1)
        }
        guard !found else { return }
        if shape.hasPercent, let decoded = TextDecoding.percentDecoded(value) {
            scanText(decoded, at: site, depth: depth + 1)
        } else if let decoded = Base64Text.decodeReadableText(value) {
            scanText(decoded, at: site, depth: depth + 1)
        }
    }

    /// Free text taken apart by shape (``TextPairs``): each value under a name that says
    /// something, or that may hide an encoded layer, is scanned under that name.
    mutating func scanStructuredText(_ text: String, at site: ScanSite, depth: Int) {
        for pair in TextPairs.pairs(in: text) {
            let kind = secretKey(pair.name).kind
            if kind == .plain {
                let bytes = pair.value.utf8
                guard let first = bytes.first else { continue }
                let mayHide =
                    first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || bytes.contains(UInt8(ascii: "%"))
                    || bytes.contains(UInt8(ascii: "\\")) || bytes.count >= 24
                guard mayHide else { continue }
            }
            var child = site.child(" \(pair.kind.rawValue) \(pair.name)", key: pair.name)
            child.pointer = nil
            child.isFreeText = true
            scanText(pair.value, at: child, depth: depth)
        }
    }

    /// Applies the key-context rules to a value; returns whether it reported.
    mutating func scanKeyContext(_ value: String, at site: ScanSite) -> Bool {
        guard let name = site.key else { return false }
        let credential = CredentialText.strippingScheme(value)
        guard !credential.isEmpty, !LookAlike.isPlaceholder(credential), !LookAlike.isMask(credential) else { return false }
        let key = secretKey(name)
        if key.joined == "xvercelprotectionbypass" || key.joined == "vercelprotectionbypass" {
            guard credential.utf8.count >= 16 else { return false }
            report(.vercelBypass, secret: credential, at: site)
            return true
        }
        if key.kind != .plain, key.kind != .backupCodes, ValueShape.isGroupedBase32Seed(credential) {
            report(.totpSeed, secret: credential, at: site)
            return true
        }
        if key.kind == .token || key.kind == .password, ValueShape.isUniformRecoveryCode(credential) {
            report(.backupCodes, secret: credential, at: site)
            return true
        }
        switch key.kind {
        case .backupCodes:
            let codes = credential.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).filter(ValueShape.isBackupCode)
            for code in codes { report(.backupCodes, secret: String(code), at: site) }
            return !codes.isEmpty
        case .totpSeed:
            if ValueShape.isBase32Seed(credential)
                || (!LookAlike.isInert(credential) && TokenShape.looksRandom(credential, minimumLength: 8))
            {
                report(.totpSeed, secret: credential, at: site)
                return true
            }
            return false
        case .password:
            guard !LookAlike.isFlagWord(credential), !ValueShape.isProse(credential) else { return false }
            if site.isFreeText, ValueShape.isCodeWord(credential) { return false }
            report(.passwordKey, secret: credential, at: site)
            return true
        case .token:
            if ["secret", "secretkey", "key", "seed"].contains(key.joined), ValueShape.isBase32Seed(credential) {
                report(.totpSeed, secret: credential, at: site)
                return true
            }
            guard credential.utf8.count >= 8, !LookAlike.isInert(credential), !LookAlike.isEnumName(credential),
                !ValueShape.isProse(credential), !(site.isFreeText && ValueShape.isCodeWord(credential))
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
            guard enterNesting(at: site) else { return }
            defer { nesting -= 1 }
            let declaredKind = Self.declaredSecretKind(of: object, secretKey: { secretKey($0).kind })
            let location = site.location
            let parentKey = site.key.map { secretKey($0) }
            for member in object {
                let memberPointer = pointer.appending(member.key)
                if member.key.utf8.count >= 16 { checkMemberName(member.key, pointer: memberPointer, base: base, site: site) }
                var key = resolvedKey(member.key, parent: site.key, parentKey: parentKey)
                if let declaredKind, secretKey(key).kind == .plain, SecretKey.genericChildNames.contains(member.key.lowercased()) {
                    key = declaredKind
                }
                scanJSON(
                    member.value, pointer: memberPointer, base: base,
                    site: ScanSite(entry: site.entry, location: location, key: key, carrierRule: site.carrierRule), depth: depth)
            }
        case .array(let elements):
            guard enterNesting(at: site) else { return }
            defer { nesting -= 1 }
            for (index, element) in elements.enumerated() {
                scanJSON(element, pointer: pointer.appending(index), base: base, site: site, depth: depth)
            }
        case .string(let string):
            var child = ScanSite(entry: site.entry, location: base, key: site.key, carrierRule: site.carrierRule)
            child.pointer = pointer
            scanText(string, at: child, depth: depth)
        case .number(let number):
            if let key = site.key, secretKey(key).kind == .backupCodes, number.isInteger, number.literal.utf8.count >= 6 {
                let location = base + " " + pointer.description
                report(.backupCodes, secret: number.literal, at: ScanSite(entry: site.entry, location: location, key: key))
            }
        case .bool, .null:
            break
        }
    }

    /// A member name that is a token format (a secret used as a name): reported once per file.
    private mutating func checkMemberName(_ name: String, pointer: JSONPointer, base: String, site: ScanSite) {
        if cleanMemberNames.contains(name) { return }
        if reportedMemberNames.contains(name) {
            stateDependentSkips += 1
            return
        }
        let hits = TokenFormats.hits(in: name)
        guard !hits.isEmpty else {
            if cleanMemberNames.count < 16384 { cleanMemberNames.insert(name) }
            return
        }
        if reportedMemberNames.count < 4096 { reportedMemberNames.insert(name) }
        var nameSite = ScanSite(entry: site.entry, location: base, carrierRule: site.carrierRule)
        nameSite.pointer = pointer
        for hit in hits { report(.secretMemberName, secret: hit.secret, at: nameSite) }
    }

    /// Counts one level of JSON nesting; `false` (and a finding) past ``maximumNesting``.
    private mutating func enterNesting(at site: ScanSite) -> Bool {
        guard nesting < AuditScan.maximumNesting else {
            reportNotice(
                .budgetExceeded,
                "JSON nested deeper than \(AuditScan.maximumNesting) levels (across JSON-in-string layers); not audited further", at: site)
            return false
        }
        nesting += 1
        return true
    }
}
