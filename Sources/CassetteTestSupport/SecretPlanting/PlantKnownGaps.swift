/// Corpus cases that fail on `main` before the issue 13 fixes, with the helper branch that owns the
/// fix. The planted-secret tests wrap these in `withKnownIssue(isIntermittent: true)` so the suite
/// stays green while the fixes land; the summary tests list cases that pass although listed here,
/// so the lead can delete their lines once a fix is merged (then a regression fails the build).
///
/// Measured on main at 02b2249 (after the target split): 45 of 94 cases leak through sanitize and
/// import, the audit misses 44 of 94 raw documents. After the issue 13 merges: none leaks through
/// sanitize or import; the audit misses one (below), and in the property test some grouped TOTP
/// seeds (about 8 in 300 samples), which stay known issues of the audit.
public enum PlantKnownGaps {
    /// Cases where `Redaction.sanitize` (and so `cassette record`) writes a secret.
    public static let sanitize: [String: String] = [:]
    /// Cases where `cassette import` writes a secret (the same cases as sanitize on main).
    public static let importer: [String: String] = sanitize
    /// Cases whose raw document `cassette audit` passes.
    public static let audit: [String: String] = [
        // `{"result": {"value": ...}}` with a neutral parent name: the audit reads `value`
        // under `result` as ordinary; the redactor's place rule catches it.
        "name/result-value": "audit"
    ]
    /// Clean cases (secrets replaced by placeholders) that are refused, or flagged by the audit.
    public static let falseAlarms: [String: String] = [:]
}

extension PlantKnownGaps {
    /// Choices that never failed in 1,500 property samples on main (seed 6914985289602784979): a
    /// sample with one of them must hold; every other sample may still fail until the fixes land.
    /// Widen these sets as the fixes merge (the property test prints failures per choice).
    static let heldPlaces: Set<PlantPlace> = [.cookie, .setCookie]
    static let heldFormats: Set<SecretFormat> = [.atomsKey, .otpauthURL, .stripeLiveKey, .unleashV2]

    /// Whether a property-test sample falls in a class that still leaks through sanitize on main.
    public static func sanitizeMayFail(_ sample: PlantedSample) -> Bool {
        false  // every fix has landed: any sample that leaks through sanitize fails the build
    }

    /// Whether a property-test sample falls in a class the audit still misses on main.
    public static func auditMayMiss(_ sample: PlantedSample) -> Bool {
        !isHeld(sample)
    }

    /// Held place, or held format in a body that is not deflate or doubly gzip'd.
    static func isHeld(_ sample: PlantedSample) -> Bool {
        let readableEncoding = [nil, .identity, .base64, .gzip].contains(sample.encoding)
        return heldPlaces.contains(sample.place) || (heldFormats.contains(sample.format) && readableEncoding)
    }
}
