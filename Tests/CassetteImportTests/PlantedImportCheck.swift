import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Runs a planted document through `cassette import`'s public path: the HAR file on disk, the
/// importer, then the cassette write into a temporary folder, exactly as `ImportCommand` does.
enum PlantedImportCheck {
    /// Refused (nothing written, error text clean), redacted (no form of a secret in the written
    /// file) or a leak.
    static func outcome(_ document: PlantedDocument) throws -> RedactionOutcome {
        let search = SecretSearch(needles: document.needles)
        let folder = try TemporaryDirectory(prefix: "planted-import")
        defer { folder.remove() }
        let input = folder.file("export.har")
        try document.har.write(to: input)
        let output = folder.file("imported.har.gz")
        do {
            let log = try CassetteImporter(format: .har).importCassette(from: [input])
            try CassetteFile.write(log, to: output)
        } catch {
            if FileManager.default.fileExists(atPath: output.path) { return .survived }
            return search.survives(in: String(describing: error)) ? .leakyRefusal : .refused
        }
        return PlantCheck.written(try Data(contentsOf: output), search: search)
    }

    /// Expects `holds`, as a known issue when the case is listed in `gaps`.
    static func expect(
        _ holds: Bool, _ id: String, _ outcome: String, seed: UInt64, gaps: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let comment: Comment = "case \(id): \(outcome) (reproduce with PLANT_SEED=\(seed))"
        if let owner = gaps[id] {
            withKnownIssue("known gap on main, fixed by branch \(owner)", isIntermittent: true) {
                #expect(holds, comment, sourceLocation: sourceLocation)
            }
        } else {
            #expect(holds, comment, sourceLocation: sourceLocation)
        }
    }
}
