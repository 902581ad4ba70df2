import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("the repository's Cassettes/ folder")
struct ShippedFixturesTests {
    @Test(
        "each cassette in Cassettes/ is valid HAR 1.2, readable by the toolkit and by gzip + JSONSerialization",
        arguments: ["atoms", "unleash", "wacht", "zitadel"])
    func readable(provider: String) throws {
        let file = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
        let log = try CassetteFile.read(file)
        #expect(log.entries.count == 1)
        #expect(log.cassette?.provider == provider)
        #expect(IndependentReader.harProblems(try IndependentReader.document(file)) == [])
        let shown = try ProcessRunner.run(BuiltProducts.cassette, ["show", file.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        // Credentials are placeholders only.
        for header in log.entries[0].request.headers where ["authorization", "cookie"].contains(header.name.lowercased()) {
            #expect(Placeholder.spans(in: header.value).map(\.number) == [1])
        }
    }

    @Test("Cassettes/ was recorded from the built-in emulator by `cassette demo`, and recording again changes no byte")
    func recordedFromTheEmulator() async throws {
        let root = BuiltProducts.packageRoot().appendingPathComponent("Cassettes")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let demo = try await runCassetteAsync(["demo", "--output-dir", folder.url.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        for provider in ["atoms", "unleash", "wacht", "zitadel"] {
            let file = root.appendingPathComponent("\(provider)/me.har.gz")
            let log = try CassetteFile.read(file)
            #expect(log.cassette?.source == "emulator", "regenerate with: swift run cassette demo")
            #expect(log.entries.first?.response.status == 200)
            let fresh = try Data(contentsOf: folder.file("\(provider)/me.har.gz"))
            #expect(fresh == (try Data(contentsOf: file)), "Cassettes/\(provider)/me.har.gz is stale: run `swift run cassette demo`")
        }
    }
}
