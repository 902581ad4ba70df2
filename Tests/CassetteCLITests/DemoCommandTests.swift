import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette demo")
struct DemoCommandTests {
    @Test("records the four providers from the emulator, twice to the same bytes, with no credential left")
    func demoTwice() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let first = try await runCassetteAsync(["demo", "--output-dir", folder.file("A").path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try await runCassetteAsync(["demo", "--output-dir", folder.file("B").path])
        #expect(second.status == 0, "\(second.stderr)")
        let again = try await runCassetteAsync(["demo", "--output-dir", folder.file("A").path])
        #expect(again.status == 0, "\(again.stderr)")
        for provider in ["atoms", "unleash", "wacht", "zitadel"] {
            let a = folder.file("A/\(provider)/me.har.gz")
            let b = folder.file("B/\(provider)/me.har.gz")
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(provider): two fresh demos give the same bytes")
            let log = try CassetteFile.read(a)
            #expect(log.cassette?.source == "emulator")
            #expect(log.cassette?.provider == provider)
            #expect(first.stdout.contains(a.path))
            let text = try IndependentReader.decompressedText(a)
            // The emulator's credentials are random and never shown; their shapes survive only
            // as placeholders (which keep the wire format: `user:000…0001`, a JWT signed `REDACTED`).
            for shape in [#"sk_[A-Za-z0-9_-]{16,}"#, #"user:[0-9a-f]{56}"#, #"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"#] {
                var searched = text.startIndex..<text.endIndex
                while let found = text.range(of: shape, options: .regularExpression, range: searched) {
                    #expect(Placeholder.isPlaceholder(text[found]), "\(provider): a credential shape that is not a placeholder")
                    searched = found.upperBound..<text.endIndex
                }
            }
        }
        #expect(again.stderr.contains("unchanged"))
    }
}
