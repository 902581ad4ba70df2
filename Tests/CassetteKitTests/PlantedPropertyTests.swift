import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The planted-secret property: random HAR documents with a random secret of a random format planted
/// in a random place and encoding; sanitize refuses or leaves no form, the audit flags the raw
/// document. `PLANT_SEED` reproduces a run, `PLANT_ITERATIONS` changes its length (default 300).
@Suite("Planted secrets: property")
struct PlantedPropertyTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["PLANT_ITERATIONS"].flatMap(Int.init) ?? 300
    }

    @Test("Random documents: sanitize refuses or leaves no form; the audit flags the raw document")
    func randomDocuments() {
        let seed = PlantRandom.runSeed()
        var redactionTally = PlantPropertyTally()
        var auditTally = PlantPropertyTally()
        for index in 0..<Self.iterations {
            let sample = PlantProperty.sample(seed: PlantRandom.derive(seed, "sample-\(index)"))
            let redaction = PlantCheck.sanitize(sample.document)
            let audit = PlantCheck.audit(sample.document)
            redactionTally.add(sample, failed: !redaction.isSafe)
            auditTally.add(sample, failed: !audit.blocks)
            let where_ = "sample \(index) \(sample) (reproduce with PLANT_SEED=\(seed))"
            if !redaction.isSafe { Issue.record("sanitize \(redaction.rawValue): \(where_)") }
            if !audit.blocks { Issue.record("audit missed: \(where_)") }
        }
        print(
            "planted property, seed \(seed), \(Self.iterations) samples\nsanitize unsafe per choice:\n  "
                + redactionTally.lines.joined(separator: "\n  ") + "\naudit missed per choice:\n  "
                + auditTally.lines.joined(separator: "\n  "))
    }
}
