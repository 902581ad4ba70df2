import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// One version number everywhere: `cassette --version`, the HAR `creator` of what the toolkit
/// writes, and the newest heading of CHANGELOG.md.
@Suite("one version number")
struct VersionConsistencyTests {
    @Test("cassette --version, the HAR creator and CHANGELOG.md's newest heading agree")
    func oneVersion() throws {
        let version = CassetteKitVersion.current
        let printed = try ProcessRunner.run(BuiltProducts.cassette, ["--version"])
        #expect(printed.status == 0)
        #expect(printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == version)

        #expect(HAR.Log().creator == HAR.Creator(name: "cassette", version: version))
        // The committed cassettes were recorded by this version (`cassette demo` re-records them
        // byte for byte, so a version bump is followed by `swift run cassette demo`).
        for provider in ["atoms", "unleash", "wacht", "zitadel"] {
            let url = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
            #expect(try CassetteFile.read(url).creator.version == version, "Cassettes/\(provider)/me.har.gz")
        }

        let changelog = try String(
            contentsOf: BuiltProducts.packageRoot().appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        let heading = try #require(newest, "CHANGELOG.md has a `## <version>` heading")
        #expect(heading.dropFirst(3).split(separator: " ").first.map(String.init) == version, "\(heading)")
    }
}
