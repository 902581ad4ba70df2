public import CassetteFormat
public import Foundation

/// Accepted findings, so that an audit can pass with known, reviewed values in place.
///
/// Each entry is keyed on rule, file and location plus a salted hash of the value
/// (`SHA-256(salt ‖ SHA-256(value))`): no line numbers (nothing churns when a cassette is
/// re-recorded with the same value) and no secret. The salt is random per baseline file and
/// stored in it; a changed value no longer matches and is reported again.
public struct AuditBaseline: Sendable, Hashable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Comparable {
        /// The rule id of the accepted finding.
        public var rule: String
        /// The cassette file, relative to where the audit ran.
        public var file: String
        /// The location in the file (header, cookie, parameter or JSON pointer).
        public var location: String
        /// `SHA-256(salt ‖ SHA-256(value))` in hex: the value is never stored.
        public var hash: String

        /// Creates an accepted entry.
        public init(rule: String, file: String, location: String, hash: String) {
            self.rule = rule
            self.file = file
            self.location = location
            self.hash = hash
        }

        /// Orders entries by file, location and rule, so the baseline file is stable.
        public static func < (a: Entry, b: Entry) -> Bool {
            (a.file, a.location, a.rule, a.hash) < (b.file, b.location, b.rule, b.hash)
        }
    }

    /// The file format version.
    public static let formatVersion = 1

    /// The salt of this baseline's hashes.
    public var salt: String
    /// The accepted findings, sorted.
    public var entries: [Entry]

    /// An empty baseline with a fresh random salt.
    public init(salt: String = AuditBaseline.freshSalt(), entries: [Entry] = []) {
        self.salt = salt
        self.entries = entries.sorted()
    }

    /// 32 random hex digits.
    public static func freshSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The entry that would accept a finding (`nil` when the finding has no value digest).
    public func entry(for finding: AuditFinding) -> Entry? {
        guard let digest = finding.valueDigest else { return nil }
        return Entry(rule: finding.ruleID, file: finding.file, location: finding.location, hash: digest.saltedHash(salt: salt))
    }

    /// Whether a finding is accepted by this baseline.
    public func accepts(_ finding: AuditFinding) -> Bool {
        guard let entry = entry(for: finding) else { return false }
        return entries.contains(entry)
    }

    /// This baseline's salt with exactly the given findings accepted.
    public func accepting(_ findings: [AuditFinding]) -> AuditBaseline {
        AuditBaseline(salt: salt, entries: Array(Set(findings.compactMap(entry(for:)))))
    }

    /// The baseline as pretty, stable JSON.
    public var jsonData: Data {
        let accepted = entries.map { entry -> JSONValue in
            .object(
                JSONObject([
                    ("rule", .string(entry.rule)), ("file", .string(entry.file)), ("location", .string(entry.location)),
                    ("hash", .string(entry.hash)),
                ]))
        }
        let document = JSONValue.object(
            JSONObject([
                ("version", .number(JSONNumber(Self.formatVersion))),
                ("comment", "Accepted cassette audit findings: rule, file, location and SHA-256(salt ‖ SHA-256(value)); no secret values."),
                ("salt", .string(salt)),
                ("accepted", .array(accepted)),
            ]))
        var data = JSONSerializer.data(document, style: .pretty)
        data.append(0x0a)
        return data
    }

    /// Reads a baseline file; errors say what is wrong with it.
    public init(data: Data, path: String) throws(CassetteError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw .invalidJSON(path: path, detail: error.description)
        }
        guard let salt = document["salt"]?.stringValue, !salt.isEmpty, let accepted = document["accepted"]?.arrayValue else {
            throw .io(
                path: path,
                detail:
                    "not a cassette audit baseline (needs \"salt\" and \"accepted\"); write one with `cassette audit --write-baseline \(path)`"
            )
        }
        var entries: [Entry] = []
        for item in accepted {
            guard let rule = item["rule"]?.stringValue, let file = item["file"]?.stringValue,
                let location = item["location"]?.stringValue, let hash = item["hash"]?.stringValue
            else {
                throw .io(
                    path: path,
                    detail:
                        "a baseline entry lacks rule, file, location or hash; regenerate it with `cassette audit --write-baseline \(path)`")
            }
            entries.append(Entry(rule: rule, file: file, location: location, hash: hash))
        }
        self.init(salt: salt, entries: entries)
    }
}
