import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette audit: exit codes, formats, baseline, --staged")
struct AuditCommandTests {
    @Test("exit 0 on clean cassettes, 1 with findings that name file, interaction, location and rule but never the secret")
    func exitCodes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/zitadel/me.har.gz", in: folder)
        try AuditCLISupport.write("Cassettes/atoms/me.har.gz", in: folder)
        let clean = try ProcessRunner.run(BuiltProducts.cassette, ["audit"], currentDirectory: folder.url)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("0 findings in 2 files"))
        try AuditCLISupport.write("Cassettes/atoms/me.har.gz", in: folder, token: token)
        let leaky = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "Cassettes"], currentDirectory: folder.url)
        #expect(leaky.status == 1)
        #expect(leaky.stdout.contains("Cassettes/atoms/me.har.gz: entry 0 response body /access_token: token-key: "), "\(leaky.stdout)")
        #expect(!leaky.stdout.contains(token) && !leaky.stderr.contains(token))
        let single = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "Cassettes/zitadel/me.har.gz"], currentDirectory: folder.url)
        #expect(single.status == 0)
    }

    @Test("--max-age names cassettes recorded longer ago (and with no recordedAt) and exits 1; a bad duration is usage (2)")
    func maxAge() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/zitadel/me.har.gz")
        let copy = folder.url.appendingPathComponent("Cassettes/zitadel/me.har.gz")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: shipped, to: copy)  // recorded 2025-01-01
        let young = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "--max-age", "36500d"], currentDirectory: folder.url)
        #expect(young.status == 0, "\(young.stdout)\(young.stderr)")
        let old = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "--max-age", "90d"], currentDirectory: folder.url)
        #expect(old.status == 1)
        #expect(old.stdout.contains("Cassettes/zitadel/me.har.gz: stale: recorded"), "\(old.stdout)")
        #expect(old.stdout.contains("older than the 90 days allowed") && old.stdout.contains("cassette verify"), "\(old.stdout)")
        try AuditCLISupport.write("Cassettes/atoms/me.har.gz", in: folder)  // no recordedAt
        let undated = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--max-age", "36500d", "--format", "json"], currentDirectory: folder.url)
        #expect(undated.status == 1)
        #expect(undated.stderr.contains("Cassettes/atoms/me.har.gz: stale: has no readable _cassette.recordedAt"), "\(undated.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(undated.stdout.utf8))) != nil, "stdout stays JSON")
        let bad = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "--max-age", "soon"], currentDirectory: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--max-age takes a duration"))
    }

    @Test("unreadable input exits 2 with the reason, even next to findings", arguments: ["truncated", "corrupt", "bomb", "missing"])
    func unreadable(kind: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try AuditCLISupport.write("Cassettes/a.har.gz", in: folder, token: RandomSecret.base64url(43))
        let broken = folder.file("Cassettes/b.har.gz")
        let good = try CassetteFile.encode(AuditCLISupport.log())
        switch kind {
        case "truncated": try good.prefix(good.count - 10).write(to: broken)
        case "corrupt": try (good.prefix(10) + Data(repeating: 0x5a, count: 300)).write(to: broken)
        case "bomb": try GzipBomb.make(mebibytes: 256).write(to: broken)
        default: break
        }
        let arguments = kind == "missing" ? ["audit", "Cassettes/a.har.gz", "Cassettes/b.har.gz"] : ["audit", "Cassettes"]
        let result = try ProcessRunner.run(BuiltProducts.cassette, arguments, currentDirectory: folder.url)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("Cassettes/b.har.gz"), "\(result.stderr)")
        if kind == "truncated" { #expect(result.stderr.contains("truncated")) }
        if kind == "bomb" { #expect(result.stderr.contains("MiB limit")) }
    }

    @Test("no Cassettes/ folder and no paths is bad usage (exit 2)")
    func noDefaultFolder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["audit"], currentDirectory: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no Cassettes/ folder"))
    }

    @Test("--format json and --format sarif parse; SARIF has the 2.1.0 shape")
    func formats() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/a.har.gz", in: folder, token: token)
        let json = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "--format", "json"], currentDirectory: folder.url)
        #expect(json.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["rule"] as? String == "token-key")
        #expect(findings.first?["location"] as? String == "response body /access_token")
        #expect(findings.first?["entry"] as? Int == 0)
        #expect(findings.first?["file"] as? String == "Cassettes/a.har.gz")
        #expect(!json.stdout.contains(token))

        let sarif = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--format", "sarif", "Cassettes"], currentDirectory: folder.url)
        #expect(sarif.status == 1)
        #expect(!sarif.stdout.contains(token))
        let log = try #require(try JSONSerialization.jsonObject(with: sarif.stdoutData) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "cassette-audit")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == AuditRule.allCases.map(\.id))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "token-key")
        let index = try #require(result["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "token-key")
        #expect((result["message"] as? [String: Any])?["text"] is String)
        let location = try #require((result["locations"] as? [[String: Any]])?.first)
        let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        #expect(artifact?["uri"] as? String == "Cassettes/a.har.gz")
        let logical = (location["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
        #expect(logical == "entry 0 response body /access_token")
    }

    @Test("--write-baseline accepts today's findings; --baseline then suppresses exactly those")
    func baseline() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let accepted = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/a.har.gz", in: folder, token: accepted)
        let write = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--write-baseline", "baseline.json"], currentDirectory: folder.url)
        #expect(write.status == 0, "\(write.stderr)")
        let baselineText = try String(contentsOf: folder.file("baseline.json"), encoding: .utf8)
        #expect(!baselineText.contains(accepted))
        #expect(!baselineText.contains(String(accepted.prefix(10))))
        #expect(baselineText.contains("\"salt\""))
        #expect(baselineText.contains("response body /access_token"))
        #expect(!baselineText.contains("line"))

        let suppressed = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--baseline", "baseline.json"], currentDirectory: folder.url)
        #expect(suppressed.status == 0, "\(suppressed.stdout)")
        #expect(suppressed.stdout.contains("1 accepted by the baseline"))

        let fresh = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/b.har.gz", in: folder, token: fresh)
        let partly = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--baseline", "baseline.json", "--format", "json"], currentDirectory: folder.url)
        #expect(partly.status == 1)
        let findings = (try JSONSerialization.jsonObject(with: partly.stdoutData) as? [String: Any])?["findings"] as? [[String: Any]]
        #expect(findings?.compactMap { $0["file"] as? String } == ["Cassettes/b.har.gz"])

        try AuditCLISupport.write("Cassettes/a.har.gz", in: folder, token: RandomSecret.base64url(43))
        let changed = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--baseline", "baseline.json", "Cassettes/a.har.gz"], currentDirectory: folder.url)
        #expect(changed.status == 1, "a new value at an accepted place is reported")

        let missing = try ProcessRunner.run(BuiltProducts.cassette, ["audit", "--baseline", "nope.json"], currentDirectory: folder.url)
        #expect(missing.status == 2)
    }

    @Test("--staged audits the git index, not the working tree")
    func staged() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let (repo, environment) = try AuditCLISupport.repository(temporary)
        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/me.har.gz", in: repo, token: token)
        try AuditCLISupport.git(["add", "Cassettes/me.har.gz"], in: repo, environment: environment)
        try AuditCLISupport.write("Cassettes/me.har.gz", in: repo)
        let stagedLeak = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--staged"], environment: environment, currentDirectory: repo)
        #expect(stagedLeak.status == 1, "\(stagedLeak.stdout)\(stagedLeak.stderr)")
        #expect(stagedLeak.stdout.contains("Cassettes/me.har.gz: entry 0 response body /access_token: token-key"))
        #expect(!stagedLeak.stdout.contains(token))
        let workingTree = try ProcessRunner.run(BuiltProducts.cassette, ["audit"], environment: environment, currentDirectory: repo)
        #expect(workingTree.status == 0)

        try AuditCLISupport.git(["add", "Cassettes/me.har.gz"], in: repo, environment: environment)
        try AuditCLISupport.write("Cassettes/me.har.gz", in: repo, token: token)
        let stagedClean = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--staged", "Cassettes"], environment: environment, currentDirectory: repo)
        #expect(stagedClean.status == 0, "\(stagedClean.stdout)\(stagedClean.stderr)")

        let outside = try TemporaryDirectory()
        defer { outside.remove() }
        let notRepo = try ProcessRunner.run(
            BuiltProducts.cassette, ["audit", "--staged"], environment: environment, currentDirectory: outside.url)
        #expect(notRepo.status == 2)
    }

    @Test("the repository's own Cassettes/ audit clean")
    func shippedCassettes() throws {
        let result = try ProcessRunner.run(BuiltProducts.cassette, ["audit"], currentDirectory: BuiltProducts.packageRoot())
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
