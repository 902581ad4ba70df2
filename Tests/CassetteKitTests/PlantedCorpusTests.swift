import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The fail-closed acceptance corpus through `Redaction.sanitize` and `SecretAuditor`: every
/// planted secret is refused or leaves no form behind, and the audit flags every raw document.
@Suite("Planted secrets: acceptance corpus (sanitize and audit)")
struct PlantedCorpusTests {
    static let seed = PlantRandom.runSeed()

    @Test("Sanitize refuses, or no form of the secret is left in the written bytes", arguments: PlantCorpus.all)
    func sanitizeLeavesNoForm(_ plantCase: PlantCase) {
        let outcome = PlantCheck.sanitize(plantCase.document(seed: Self.seed))
        PlantedExpectations.expect(outcome.isSafe, plantCase.id, outcome.rawValue, seed: Self.seed, gaps: PlantKnownGaps.sanitize)
    }

    @Test("The audit flags the raw document", arguments: PlantCorpus.all)
    func auditFlagsRawDocument(_ plantCase: PlantCase) {
        let outcome = PlantCheck.audit(plantCase.document(seed: Self.seed))
        PlantedExpectations.expect(outcome.blocks, plantCase.id, outcome.rawValue, seed: Self.seed, gaps: PlantKnownGaps.audit)
    }

    @Test("The clean form of each case (placeholders instead of secrets) is neither refused nor flagged", arguments: PlantCorpus.all)
    func cleanFormPasses(_ plantCase: PlantCase) {
        let document = plantCase.document(seed: Self.seed, clean: true)
        let redaction = PlantCheck.sanitize(document)
        let audit = PlantCheck.audit(document)
        let outcome = "sanitize \(redaction.rawValue), audit \(audit.rawValue)"
        PlantedExpectations.expect(
            redaction == .redacted && audit == .missed, plantCase.id, outcome, seed: Self.seed, gaps: PlantKnownGaps.falseAlarms)
    }

    @Test("Each case plants at least one needle and the corpus ids are unique")
    func corpusIsWellFormed() {
        #expect(PlantCorpus.all.count >= 80)
        #expect(Set(PlantCorpus.all.map(\.id)).count == PlantCorpus.all.count)
        for plantCase in PlantCorpus.all {
            let document = plantCase.document(seed: Self.seed)
            #expect(!document.needles.isEmpty, "case \(plantCase.id) plants nothing")
            #expect(
                SecretSearch(needles: document.needles).survives(in: document.har),
                "case \(plantCase.id): the search does not find its own plant")
        }
    }
}
