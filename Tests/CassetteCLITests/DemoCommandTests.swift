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
            // The emulator's credentials are random and never shown; their shapes must not survive.
            #expect(text.range(of: #"sk_[A-Za-z0-9]{40}"#, options: .regularExpression) == nil)
            #expect(text.range(of: #"user:[0-9a-f]{56}"#, options: .regularExpression) == nil)
            #expect(text.range(of: #"eyJ[A-Za-z0-9_-]+\.eyJ"#, options: .regularExpression) == nil)
        }
        #expect(again.stderr.contains("unchanged"))
    }
}
