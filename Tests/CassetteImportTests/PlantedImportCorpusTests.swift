import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The fail-closed acceptance corpus through `cassette import`: a foreign HAR file with a fresh
/// secret in it is refused, or the written cassette holds no form of the secret.
@Suite("Planted secrets: acceptance corpus (import)")
struct PlantedImportCorpusTests {
    static let seed = PlantRandom.runSeed()

    @Test("Import refuses, or no form of the secret is left in the written cassette", arguments: PlantCorpus.all)
    func importLeavesNoForm(_ plantCase: PlantCase) throws {
        let outcome = try PlantedImportCheck.outcome(plantCase.document(seed: Self.seed))
        PlantedImportCheck.expect(outcome.isSafe, plantCase.id, outcome.rawValue, seed: Self.seed, gaps: PlantKnownGaps.importer)
    }

    @Test("Import writes the clean form of each case (placeholders instead of secrets)", arguments: PlantCorpus.all)
    func importWritesCleanForm(_ plantCase: PlantCase) throws {
        let outcome = try PlantedImportCheck.outcome(plantCase.document(seed: Self.seed, clean: true))
        PlantedImportCheck.expect(outcome == .redacted, plantCase.id, outcome.rawValue, seed: Self.seed, gaps: PlantKnownGaps.falseAlarms)
    }

    @Test("Summary of the corpus through import and the audit")
    func summary() throws {
        var summary = PlantSummary()
        var nowHolding: [String] = []
        for plantCase in PlantCorpus.all {
            let document = plantCase.document(seed: Self.seed)
            let outcome = try PlantedImportCheck.outcome(document)
            summary.add(plantCase, redaction: outcome, audit: PlantCheck.audit(document))
            if outcome.isSafe, let owner = PlantKnownGaps.importer[plantCase.id] { nowHolding.append("\(plantCase.id) (\(owner))") }
        }
        var report = summary.table(title: "Planted-secret corpus through cassette import and cassette audit (seed \(Self.seed))")
        report += "\n\nimport unsafe: " + (summary.unsafeCases.isEmpty ? "none" : summary.unsafeCases.joined(separator: ", "))
        report +=
            "\nimport known gaps holding now (delete from PlantKnownGaps.importer): "
            + (nowHolding.isEmpty ? "none" : nowHolding.joined(separator: ", "))
        print(report)
    }
}
