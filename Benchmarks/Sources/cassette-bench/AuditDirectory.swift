import CassetteKit
import Foundation

/// Rows 5 and 6 while `cassette audit` is not merged: what the command does, through the
/// library (`SecretAuditor.discover`, `audit(_:)` in parallel, `AuditReport.json`), printing
/// the JSON report and exiting 0 clean / 1 findings / 2 unreadable like the command.
struct AuditDirectory {
    var directory: String

    func run() throws -> Int32 {
        let sources = try SecretAuditor.discover([directory])
        let report = AuditReport(outcomes: SecretAuditor().audit(sources))
        FileHandle.standardOutput.write(report.json)
        return report.exitCode
    }
}
