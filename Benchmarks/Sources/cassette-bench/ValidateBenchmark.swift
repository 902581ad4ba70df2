import CassetteKit
import CassetteSynth
import Foundation

/// Row 4: documents per second through `JSONSchemaValidator.isValid` (formats asserted), on
/// documents already parsed (the references also get parsed documents).
struct ValidateBenchmark {
    var schema: URL
    var documents: URL
    var row: String
    var runs: Int

    func run() throws {
        let validator = try JSONSchemaValidator(schema: JSONParser.parse(Data(contentsOf: schema)))
        let lines = try String(contentsOf: documents, encoding: .utf8).split(separator: "\n")
        let parsed = try lines.map { try JSONParser.parse(String($0)) }
        var perSecond: [Double] = []
        var valid = 0
        for _ in 0..<runs {
            var passed = 0
            let seconds = Stopwatch.seconds {
                for document in parsed where validator.isValid(document) { passed += 1 }
            }
            valid = passed
            perSecond.append(Double(parsed.count) / seconds)
        }
        Measurement(
            row: row, side: "ours", unit: "docs/s", better: "higher", runs: perSecond,
            note: "\(valid)/\(parsed.count) valid"
        ).emit()
    }
}
