import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("audit reports print locations through the display path")
struct AuditReportDisplayTests {
    @Test("a secret used as a JSON member name is hidden in the text, JSON and SARIF reports; the rest of the pointer stays")
    func secretMemberNameInPointer() throws {
        let memberSecret = RandomSecret.alphanumeric(40)
        let password = RandomSecret.alphanumeric(16)
        let log = RedactionFixtures.log(
            RedactionFixtures.request(),
            RedactionFixtures.response(json: #"{"data":{"\#(memberSecret)":{"password":"\#(password)"}}}"#))
        let findings = SecretAuditor().audit(log, file: "Cassettes/x/me.har.gz")
        #expect(findings.contains { $0.ruleID == AuditRule.passwordKey.id })
        let report = AuditReport(outcomes: [.audited(path: "Cassettes/x/me.har.gz", findings: findings)])
        let outputs = [
            report.text, String(decoding: report.json, as: UTF8.self), String(decoding: report.sarif, as: UTF8.self),
        ]
        for output in outputs {
            #expect(!SecretTraces.found(memberSecret, in: output))
            #expect(!SecretTraces.found(password, in: output))
            #expect(output.contains("/data/<hidden:token>/password"))
        }
        #expect(report.exitCode == 1)
    }

    @Test("fingerprints still come from the location as found, so baselines written before stay valid")
    func fingerprintsUnchanged() {
        let finding = AuditFinding(
            file: "a.har.gz", entry: 0, location: "response body /data/\(RandomSecret.alphanumeric(40))/password",
            ruleID: "password-key", preview: "x…(redacted)")
        let other = AuditFinding(
            file: "a.har.gz", entry: 0, location: "response body /data/\(RandomSecret.alphanumeric(40))/password",
            ruleID: "password-key", preview: "x…(redacted)")
        #expect(finding.displayLocation == other.displayLocation)
        let first = String(decoding: AuditReport(outcomes: [.audited(path: "a.har.gz", findings: [finding])]).json, as: UTF8.self)
        let second = String(decoding: AuditReport(outcomes: [.audited(path: "a.har.gz", findings: [other])]).json, as: UTF8.self)
        #expect(first != second)
    }
}
