public import CassetteFormat
public import Foundation

/// One secret found in a cassette: where, by which rule, with a masked preview (never the value).
public struct AuditFinding: Sendable, Hashable {
    /// The file it was found in.
    public var file: String
    /// Index of the interaction, when inside one.
    public var entry: Int?
    /// `request header Authorization`, `response body /data/user_authenticator/otp_url`, ...
    public var location: String
    /// Rule id, e.g. `jwt`, `otpauth-secret`, `credential-header`.
    public var ruleID: String
    /// A masked preview such as `eyJh…(redacted)`; never the whole secret.
    public var preview: String
    /// A one-way digest of the value, in memory only, for baselines (`nil` when not known).
    public var valueDigest: SecretDigest?

    /// Creates a finding; `preview` must already be masked.
    public init(file: String, entry: Int?, location: String, ruleID: String, preview: String, valueDigest: SecretDigest? = nil) {
        self.file = file
        self.entry = entry
        self.location = location
        self.ruleID = ruleID
        self.preview = preview
        self.valueDigest = valueDigest
    }

    /// `entry 0 request header Authorization`, or the location alone outside interactions.
    public var qualifiedLocation: String {
        entry.map { "entry \($0) \(location)" } ?? location
    }
}

/// The audit engine: finds secrets in cassettes, independently of the redactor's rules.
///
/// It decodes on its own (gzip, HAR, base64 bodies, URL and percent encoding, forms, JSON inside
/// strings, JWT segments) and applies the rules of ``AuditRule``: known token formats wherever
/// they appear, then what the key, header, cookie or parameter name says about its value. Ids,
/// UUIDs, hashes, timestamps, enum names, flags, empty values and the toolkit's placeholders
/// (`REDACTED_<n>` and the shaped forms such as `RDCT-0003`, recognised exactly) are not findings.
public struct SecretAuditor: Sendable {
    /// An auditor with every rule.
    public init() {}

    /// Every finding in one decoded cassette.
    public func audit(_ log: HAR.Log, file: String) -> [AuditFinding] {
        var scan = AuditScan(file: file)
        scan.scanLog(log)
        return scan.findings
    }

    /// Every finding in any JSON document that is not a HAR log, located by JSON pointer.
    public func audit(document: JSONValue, file: String) -> [AuditFinding] {
        var scan = AuditScan(file: file)
        scan.scanJSON(document, pointer: .root, base: "document", site: ScanSite(entry: nil, location: "document"), depth: 0)
        return scan.findings
    }

    /// Audits the bytes of a file: a gzip cassette (`.har.gz`), a plain HAR (`.har`) or any JSON
    /// (`.json`, audited as HAR when it is one). Members of a HAR document that the HAR model does
    /// not keep (`pages`, `cache`, `_custom` fields) are audited too, by JSON pointer.
    ///
    /// Throws when the file cannot be read as what its name says: truncated or corrupt gzip, a
    /// bomb past `limit`, invalid JSON, a `.har`/`.har.gz` that is not HAR, or a file whose bodies
    /// need more than its `ReadBudget` to inspect. Unreadable is never clean.
    public func audit(data: Data, path: String, limit: Int = GzipCodec.defaultDecompressionLimit) throws(CassetteError) -> [AuditFinding] {
        var memory = AuditRunMemory()
        return try audit(data: data, path: path, limit: limit, memory: &memory)
    }

    /// ``audit(data:path:limit:)`` with what earlier files of the same run taught (key
    /// judgements, clean values); `memory` is moved into the scan and back, never copied.
    func audit(data: Data, path: String, limit: Int, memory: inout AuditRunMemory) throws(CassetteError) -> [AuditFinding] {
        let budget = ReadBudget(for: path)
        let json = try CassetteFile.decompressIfNeeded(data, path: path, limit: limit, budget: budget)
        let document: JSONValue
        do {
            document = try JSONParser.parse(json)
        } catch {
            throw .invalidJSON(path: path, detail: error.description)
        }
        let isHARName = path.hasSuffix(".har") || path.hasSuffix(".har.gz")
        guard isHARName || document["log"] != nil else { return audit(document: document, file: path) }
        let log = try CassetteFile.decodeDocument(document, path: path)
        var scan = AuditScan(file: path, budget: budget)
        scan.borrow(&memory)
        scan.scanLog(log)
        scan.scanResidue(of: document)
        scan.borrow(&memory)
        if let refusal = scan.budgetRefusal { throw .overBudget(refusal) }
        return scan.findings
    }
}
