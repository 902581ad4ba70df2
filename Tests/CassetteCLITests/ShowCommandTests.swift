import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette show, --version and exit codes")
struct ShowCommandTests {
    @Test("show prints stable pretty JSON with JSON bodies as JSON")
    func showPrintsReadableJSON() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("me.har.gz")
        try CassetteFile.write(SampleLogs.mixed(), to: file)
        let first = try ProcessRunner.run(BuiltProducts.cassette, ["show", file.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"userName\": \"ada\""), "JSON body shown as JSON")
        #expect(first.stdout.contains("7205123456789012345"))
        let parsed = try JSONSerialization.jsonObject(with: first.stdoutData) as? [String: Any]
        #expect(parsed?["log"] != nil)
        let second = try ProcessRunner.run(BuiltProducts.cassette, ["show", file.path])
        #expect(first.stdout == second.stdout)
    }

    @Test(
        "broken cassettes exit 2 with one or two lines naming the file",
        arguments: ["truncated", "random", "json", "nothar", "future", "bomb", "missing"])
    func brokenInputsExitTwo(kind: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.file("\(kind).har.gz")
        let good = try CassetteFile.encode(SampleLogs.mixed())
        var future = SampleLogs.mixed()
        future.cassette?.formatVersion = 99
        switch kind {
        case "truncated": try good.prefix(good.count - 20).write(to: file)
        case "random": try Data((0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }).write(to: file)
        case "json": try GzipCodec.gzip(Data("not json".utf8)).write(to: file)
        case "nothar": try GzipCodec.gzip(Data("[1,2,3]".utf8)).write(to: file)
        case "future": try CassetteFile.encode(future).write(to: file)
        case "bomb": try GzipBomb.make(mebibytes: 1024).write(to: file)
        default: break
        }
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["show", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(file.path))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 1 && lines.count <= 2, "\(result.stderr)")
        if kind == "future" { #expect(result.stderr.contains("Upgrade")) }
    }

    @Test("bad usage exits 2; --version prints the version")
    func usageAndVersion() throws {
        let bad = try ProcessRunner.run(BuiltProducts.cassette, ["show"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Missing expected argument"))
        let unknown = try ProcessRunner.run(BuiltProducts.cassette, ["no-such-command"])
        #expect(unknown.status == 2)
        let version = try ProcessRunner.run(BuiltProducts.cassette, ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == CassetteKitVersion.current)
    }

    @Test("works as a git textconv driver: git diff shows JSON lines")
    func gitTextconv() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let git: ([String]) throws -> ProcessResult = { arguments in
            try ProcessRunner.run(
                "git", arguments, environment: ProcessRunner.environment(["GIT_CONFIG_NOSYSTEM": "1", "HOME": folder.url.path]),
                currentDirectory: folder.url)
        }
        _ = try git(["init", "-q"])
        _ = try git(["config", "user.email", "t@example.com"])
        _ = try git(["config", "user.name", "T"])
        _ = try git(["config", "diff.cassette.textconv", "\(BuiltProducts.cassette) show"])
        try Data("*.har.gz diff=cassette\n".utf8).write(to: folder.file(".gitattributes"))
        let file = folder.file("Cassettes/zitadel/me.har.gz")
        try CassetteFile.write(SampleLogs.mixed(), to: file)
        _ = try git(["add", "-A"])
        _ = try git(["commit", "-qm", "one"])
        try CassetteFile.write(SampleLogs.mixed(jsonBody: #"{"user":{"id":"69629012906488334","userName":"grace"}}"#), to: file)
        let diff = try git(["diff"])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("-                \"userName\": \"ada\","), "\(diff.stdout)")
        #expect(diff.stdout.contains("+                \"userName\": \"grace\""))
        #expect(!diff.stdout.contains("Binary files"))
    }
}
