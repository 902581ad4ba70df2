/// Corpus cases known to fail, with who owns the fix. The planted-secret tests wrap a listed case
/// in `withKnownIssue(isIntermittent: true)`; the summary tests list cases that pass although
/// listed, so a line is deleted once its fix lands (then a regression fails the build).
///
/// Before the fail-closed work 45 of 94 cases leaked through sanitize and import and the audit
/// missed 44 of 94 raw documents. Now every list is empty: a case that leaks, or that the audit
/// misses, fails the build, and so does any property-test sample (`PlantedPropertyTests`).
public enum PlantKnownGaps {
    /// Cases where `Redaction.sanitize` (and so `cassette record`) writes a secret.
    public static let sanitize: [String: String] = [:]
    /// Cases where `cassette import` writes a secret (the same cases as sanitize on main).
    public static let importer: [String: String] = sanitize
    /// Cases whose raw document `cassette audit` passes.
    public static let audit: [String: String] = [:]
    /// Clean cases (secrets replaced by placeholders) that are refused, or flagged by the audit.
    public static let falseAlarms: [String: String] = [:]
}
