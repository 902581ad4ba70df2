import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// What must not be refused or flagged: placeholders in places that look like tokens, clean
/// random documents and the shipped cassettes.
@Suite("Planted secrets: no false alarms")
struct PlantedNegativeTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("A Link header whose access_token is already a placeholder is neither refused nor flagged")
    func linkHeaderPlaceholderIsNotAToken() {
        var entry = Plant.withResponseHeaders([("Link", "<https://api.example.com/v1/items?page=2&access_token=REDACTED_1>; rel=\"next\"")])
        entry.requestHeaders.append(("Authorization", "Bearer REDACTED_1"))
        let document = PlantedDocument(har: PlantEntry.document([entry]), needles: [], formats: [])
        #expect(PlantCheck.sanitize(document) == .redacted)
        #expect(PlantCheck.audit(document) == .missed)
    }

    @Test("Clean random documents are neither refused nor flagged")
    func cleanRandomDocuments() {
        let seed = PlantRandom.runSeed()
        var random = PlantRandom(seed: seed)
        var refused = 0
        var flagged = 0
        for _ in 0..<100 {
            let entries = (0..<Int.random(in: 1...4, using: &random)).map { _ in PlantProperty.noise(&random) }
            let document = PlantedDocument(har: PlantEntry.document(entries), needles: [], formats: [])
            if PlantCheck.sanitize(document) != .redacted { refused += 1 }
            if PlantCheck.audit(document) != .missed { flagged += 1 }
        }
        #expect(refused == 0, "clean documents refused (seed \(seed))")
        #expect(flagged == 0, "clean documents flagged (seed \(seed))")
    }

    @Test("The shipped cassettes are neither refused by sanitize nor flagged by the audit")
    func shippedCassettes() throws {
        let folder = Self.packageRoot.appendingPathComponent("Cassettes").resolvingSymlinksInPath()
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".har.gz") }
        #expect(files.count >= 4)
        for file in files {
            let url = folder.appendingPathComponent(file)
            let bytes = try Data(contentsOf: url)
            #expect(try SecretAuditor().audit(data: bytes, path: url.path).isEmpty, "\(file) flagged")
            let log = try CassetteFile.decode(bytes, path: url.path)
            #expect(throws: Never.self, "\(file) refused") { try Redaction.sanitize(log, policy: RedactionPolicy()) }
        }
    }
}
