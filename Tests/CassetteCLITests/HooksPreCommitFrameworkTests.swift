import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Whether PyPI answers, so the pre-commit framework test can install the tool (skipped otherwise).
enum PyPIProbe {
    static func reachable() -> Bool {
        guard let result = try? ProcessRunner.run("python3", ["-c", """
            import urllib.request, sys
            try:
                urllib.request.urlopen("https://pypi.org/simple/pre-commit/", timeout=10)
            except Exception:
                sys.exit(1)
            """]) else { return false }
        return result.status == 0
    }
}

@Suite("the real pre-commit framework runs hook cassette-audit from this repository's .pre-commit-hooks.yaml")
struct HooksPreCommitFrameworkTests {
    @Test(
        "pre-commit from PyPI refuses a leaky cassette commit and lets a clean one through",
        .enabled("PyPI is unreachable: cannot pip install pre-commit; skipping the framework test") { PyPIProbe.reachable() },
        .timeLimit(.minutes(10)))
    func preCommitFramework() throws {
        let temporary = try TemporaryDirectory(prefix: "cassette-precommit")
        defer { temporary.remove() }
        let home = temporary.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let environment = AuditCLISupport.gitEnvironment(home: home)

        // pre-commit from PyPI, in a virtual environment of this test.
        let venv = temporary.file("venv")
        let created = try ProcessRunner.run("python3", ["-m", "venv", venv.path], environment: environment)
        try #require(created.status == 0, "python3 -m venv failed (install python3-venv): \(created.stderr)")
        let pip = try ProcessRunner.run(venv.appendingPathComponent("bin/pip").path, ["install", "--quiet", "--disable-pip-version-check", "pre-commit"], environment: environment)
        try #require(pip.status == 0, "pip install pre-commit failed: \(pip.stderr)")
        let preCommit = venv.appendingPathComponent("bin/pre-commit").path

        // A hook repository holding this package's .pre-commit-hooks.yaml, committed.
        let hookRepo = temporary.file("hook-repo")
        try FileManager.default.createDirectory(at: hookRepo, withIntermediateDirectories: true)
        try AuditCLISupport.git(["init", "-q", "-b", "main"], in: hookRepo, environment: environment)
        let manifest = BuiltProducts.packageRoot().appendingPathComponent(".pre-commit-hooks.yaml")
        try FileManager.default.copyItem(at: manifest, to: hookRepo.appendingPathComponent(".pre-commit-hooks.yaml"))
        try AuditCLISupport.git(["add", "-A"], in: hookRepo, environment: environment)
        try AuditCLISupport.git(["commit", "-q", "-m", "hooks"], in: hookRepo, environment: environment)
        let revision = try AuditCLISupport.git(["rev-parse", "HEAD"], in: hookRepo, environment: environment).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        // A project using it, with the built `cassette` on PATH (language: system).
        let project = temporary.file("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        let path = BuiltProducts.directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let projectEnvironment = AuditCLISupport.gitEnvironment(home: home, path: path)
        try AuditCLISupport.git(["init", "-q", "-b", "main"], in: project, environment: projectEnvironment)
        let config = """
            repos:
              - repo: \(hookRepo.absoluteURL.absoluteString)
                rev: \(revision)
                hooks:
                  - id: cassette-audit

            """
        try Data(config.utf8).write(to: project.appendingPathComponent(".pre-commit-config.yaml"))
        let installed = try ProcessRunner.run(preCommit, ["install"], environment: projectEnvironment, currentDirectory: project)
        try #require(installed.status == 0, "pre-commit install: \(installed.stdout)\(installed.stderr)")

        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/zitadel/me.har.gz", in: project, token: token)
        try AuditCLISupport.git(["add", "-A"], in: project, environment: projectEnvironment)
        let refused = try ProcessRunner.run("git", ["commit", "-m", "leaky cassette"], environment: projectEnvironment, currentDirectory: project)
        let refusedOutput = refused.stdout + refused.stderr
        #expect(refused.status != 0, "\(refusedOutput)")
        #expect(refusedOutput.contains("cassette audit"), "\(refusedOutput)")
        #expect(refusedOutput.contains("token-key"), "\(refusedOutput)")
        #expect(!refusedOutput.contains(token))

        try AuditCLISupport.write("Cassettes/zitadel/me.har.gz", in: project)
        try AuditCLISupport.git(["add", "-A"], in: project, environment: projectEnvironment)
        let accepted = try ProcessRunner.run("git", ["commit", "-m", "clean cassette"], environment: projectEnvironment, currentDirectory: project)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    }
}
