import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Prints the per-class counts of the acceptance corpus (refused / redacted / survived; audit
/// flagged / missed) and which known gaps now hold, for the README table and for the lead.
@Suite("Planted secrets: summary")
struct PlantedSummaryTests {
    @Test("Summary of the corpus through sanitize and the audit")
    func summary() {
        let seed = PlantRandom.runSeed()
        var summary = PlantSummary()
        var nowHolding: [String] = []
        for plantCase in PlantCorpus.all {
            let document = plantCase.document(seed: seed)
            let redaction = PlantCheck.sanitize(document)
            let audit = PlantCheck.audit(document)
            summary.add(plantCase, redaction: redaction, audit: audit)
            if redaction.isSafe, let owner = PlantKnownGaps.sanitize[plantCase.id] {
                nowHolding.append("sanitize \(plantCase.id) (\(owner))")
            }
            if audit.blocks, let owner = PlantKnownGaps.audit[plantCase.id] { nowHolding.append("audit \(plantCase.id) (\(owner))") }
        }
        var report = summary.table(title: "Planted-secret corpus through Redaction.sanitize and SecretAuditor (seed \(seed))")
        report += "\n\nsanitize unsafe: " + (summary.unsafeCases.isEmpty ? "none" : summary.unsafeCases.joined(separator: ", "))
        report += "\naudit missed: " + (summary.missedCases.isEmpty ? "none" : summary.missedCases.joined(separator: ", "))
        report +=
            "\nlisted as known gap but holding now (delete from PlantKnownGaps): "
            + (nowHolding.isEmpty ? "none" : nowHolding.joined(separator: ", "))
        print(report)
    }
}
