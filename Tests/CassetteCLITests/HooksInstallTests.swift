import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("cassette hooks install: pre-commit hook and textconv diff driver in a real git repository")
struct HooksInstallTests {
    @Test("the installed hook refuses a leaky staged cassette and lets a clean one through; git diff shows JSON")
    func hookRefusesLeakyCommit() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let (repo, environment) = try AuditCLISupport.repository(temporary)
        let install = try ProcessRunner.run(BuiltProducts.cassette, ["hooks", "install"], environment: environment, currentDirectory: repo)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let hook = repo.appendingPathComponent(".git/hooks/pre-commit")
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
        let attributes = try String(contentsOf: repo.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributes.contains("*.har.gz diff=cassette"))
        let textconv = try AuditCLISupport.git(["config", "diff.cassette.textconv"], in: repo, environment: environment)
        #expect(textconv.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("show"))

        let again = try ProcessRunner.run(BuiltProducts.cassette, ["hooks", "install"], environment: environment, currentDirectory: repo)
        #expect(again.status == 0, "reinstalling over our own hook is fine")
        let attributesAgain = try String(contentsOf: repo.appendingPathComponent(".gitattributes"), encoding: .utf8)
        #expect(attributesAgain.components(separatedBy: "*.har.gz diff=cassette").count == 2, "the attribute line is added once")

        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/me.har.gz", in: repo, token: token)
        try AuditCLISupport.git(["add", "-A"], in: repo, environment: environment)
        let refused = try ProcessRunner.run("git", ["commit", "-q", "-m", "leaky"], environment: environment, currentDirectory: repo)
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("token-key"), "\(refused.stdout)\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).contains(token))
        let noCommit = try ProcessRunner.run("git", ["rev-parse", "--verify", "HEAD"], environment: environment, currentDirectory: repo)
        #expect(noCommit.status != 0, "nothing was committed")

        try AuditCLISupport.write("Cassettes/me.har.gz", in: repo)
        try AuditCLISupport.git(["add", "-A"], in: repo, environment: environment)
        let accepted = try ProcessRunner.run("git", ["commit", "-q", "-m", "clean"], environment: environment, currentDirectory: repo)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")

        var changed = AuditCLISupport.log()
        changed.entries[0].response.status = 404
        try CassetteFile.write(changed, to: repo.appendingPathComponent("Cassettes/me.har.gz"))
        let diff = try AuditCLISupport.git(["diff"], in: repo, environment: environment)
        let lines = diff.stdout.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "") }
        #expect(lines.contains("-\"status\":200,"), "\(diff.stdout)")
        #expect(lines.contains("+\"status\":404,"))
        #expect(!diff.stdout.contains("Binary files"))
    }

    @Test("an existing foreign pre-commit hook is kept unless --force")
    func foreignHook() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let (repo, environment) = try AuditCLISupport.repository(temporary)
        let hook = repo.appendingPathComponent(".git/hooks/pre-commit")
        try FileManager.default.createDirectory(at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: hook)
        let refused = try ProcessRunner.run(BuiltProducts.cassette, ["hooks", "install"], environment: environment, currentDirectory: repo)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == "#!/bin/sh\nexit 0\n")
        let forced = try ProcessRunner.run(
            BuiltProducts.cassette, ["hooks", "install", "--force"], environment: environment, currentDirectory: repo)
        #expect(forced.status == 0)
        #expect(try String(contentsOf: hook, encoding: .utf8).contains("audit --staged"))
    }

    @Test("outside a git repository, hooks install is bad usage (exit 2)")
    func outsideRepository() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let environment = AuditCLISupport.gitEnvironment(home: temporary.url)
        let result = try ProcessRunner.run(
            BuiltProducts.cassette, ["hooks", "install"], environment: environment, currentDirectory: temporary.url)
        #expect(result.status == 2)
    }
}
