import CassetteAudit
public import CassetteFormat
public import CassetteRedaction

/// The fail-closed write gate: redaction, then two independent proofs that nothing secret is
/// left. It lives here, above both, because the redactor (`CassetteRedaction`) and the audit
/// (`CassetteAudit`) never import each other: the audit is a second line written apart from the
/// redactor, so a rule the redactor lacks is still caught.
extension Redaction {
    /// Redacts a whole log, records what was redacted in `log.cassette.redaction`, then proves the
    /// result clean: the redactor's own leak check (every known secret raw, URL-encoded and
    /// base64, and its value rules) and the independent audit. Throws `UnsafeCassetteError`
    /// naming locations (never values) on any hit, and naming every body no reader understood
    /// (see `RedactionPolicy/allowOpaqueBodies`).
    public static func sanitize(_ log: HAR.Log, policy: RedactionPolicy) throws(UnsafeCassetteError) -> HAR.Log {
        try sanitizeWithReport(log, policy: policy).log
    }

    /// ``sanitize(_:policy:)`` that also returns this pass's report (for progress output such as
    /// "3 values redacted in headers, 2 in the body").
    ///
    /// Every credential the log's own requests carry (`Redaction.credentials(in:)`) is a known
    /// secret of this pass, so a token the app sent and the service echoed (an
    /// `error_description`, a debug page) is replaced wherever it reappears, in `record`,
    /// in-test recording and `import` alike.
    public static func sanitizeWithReport(_ log: HAR.Log, policy: RedactionPolicy) throws(UnsafeCassetteError) -> RedactionResult {
        var policy = policy
        let requestCredentials = credentials(in: log).filter { !policy.knownSecrets.contains($0) }
        policy.knownSecrets += requestCredentials
        let result = redact(log, policy: policy)
        var found = leaks(in: result.log, policy: policy)
        var seen = Set(found)
        for finding in SecretAuditor().audit(result.log, file: "(cassette being written)") {
            let entry = finding.entry.map { "entry \($0) " } ?? ""
            let location = maskedLocation("\(entry)\(finding.location) (audit rule \(finding.ruleID))", policy: policy)
            if seen.insert(location).inserted { found.append(location) }
        }
        guard found.isEmpty, result.unreadableBodies.isEmpty else {
            // The error's text is printed as it is (CLI, test failures, logs): every part of it
            // goes through the display path here, once, so that no printer has to remember.
            let unreadable = result.unreadableBodies.map { body in
                var shown = body
                shown.contentType = SafeDisplay.text(body.contentType)
                shown.encoding = body.encoding.map(SafeDisplay.text)
                shown.reason = SafeDisplay.text(body.reason)
                return shown
            }
            throw UnsafeCassetteError(locations: found.map(SafeDisplay.location), unreadableBodies: unreadable)
        }
        return result
    }
}
