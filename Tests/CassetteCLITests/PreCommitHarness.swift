import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The real pre-commit (from PyPI) running one hook of a hook repository on a fresh project
/// repository: a commit with a leaky cassette must be refused, a clean one accepted.
struct PreCommitHarness {
    /// pre-commit pinned, in a virtual environment under `.build/test-venvs/` (reused).
    static let preCommitPackage = "pre-commit==4.7.0"

    let preCommit: String
    let environment: [String: String]

    /// Installs pre-commit (a failure names PyPI, which CI requires) with `home` as HOME and
    /// PRE_COMMIT_HOME under it. `keepSystemGitConfig` keeps /etc/gitconfig, which tells git
    /// (and so SwiftPM) where this machine's package mirrors are.
    init(home: URL, path: String? = nil, keepSystemGitConfig: Bool = false) throws {
        do {
            let python = try PythonTools.environment(packages: [Self.preCommitPackage])
            preCommit = URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("pre-commit").path
        } catch {
            let hint = EndToEndGate.isCI ? "CI is set, so an unreachable PyPI is a failure, not a skip" : "PyPI was reachable a moment ago"
            Issue.record("cannot install \(Self.preCommitPackage) from PyPI (\(hint)): \(error)")
            throw error
        }
        var environment = AuditCLISupport.gitEnvironment(home: home, path: path)
        if keepSystemGitConfig { environment["GIT_CONFIG_NOSYSTEM"] = nil }
        self.environment = environment
    }

    /// Commits `.pre-commit-hooks.yaml` and the given files of this package into `folder` as a
    /// git repository with fixed dates (the same content gives the same revision, so
    /// pre-commit's cache is reused), and returns its revision.
    func makeHookRepository(at folder: URL, copying relativePaths: [String]) throws -> String {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = BuiltProducts.packageRoot()
        for path in Set(relativePaths + [".pre-commit-hooks.yaml"]) {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent(path), to: target)
        }
        var fixed = environment
        fixed["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z"
        fixed["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z"
        try AuditCLISupport.git(["init", "-q", "-b", "main"], in: folder, environment: fixed)
        try AuditCLISupport.git(["add", "-A"], in: folder, environment: fixed)
        try AuditCLISupport.git(["commit", "-q", "-m", "hooks"], in: folder, environment: fixed)
        return try AuditCLISupport.git(["rev-parse", "HEAD"], in: folder, environment: fixed).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh project repository using hook `hookID` of the hook repository; a leaky commit is
    /// refused without showing the secret, a clean one goes through.
    func checkCommits(project: URL, hookRepository: URL, revision: String, hookID: String) throws {
        try? FileManager.default.removeItem(at: project)
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try AuditCLISupport.git(["init", "-q", "-b", "main"], in: project, environment: environment)
        let config = """
            repos:
              - repo: \(hookRepository.absoluteURL.absoluteString)
                rev: \(revision)
                hooks:
                  - id: \(hookID)

            """
        try Data(config.utf8).write(to: project.appendingPathComponent(".pre-commit-config.yaml"))
        let installed = try ProcessRunner.run(preCommit, ["install"], environment: environment, currentDirectory: project)
        try #require(installed.status == 0, "pre-commit install: \(installed.stdout)\(installed.stderr)")

        let token = RandomSecret.base64url(43)
        try AuditCLISupport.write("Cassettes/zitadel/me.har.gz", in: project, token: token)
        try AuditCLISupport.git(["add", "-A"], in: project, environment: environment)
        let refused = try ProcessRunner.run("git", ["commit", "-m", "leaky cassette"], environment: environment, currentDirectory: project)
        let refusedOutput = refused.stdout + refused.stderr
        #expect(refused.status != 0, "\(refusedOutput)")
        #expect(refusedOutput.contains("cassette audit"), "\(refusedOutput)")
        #expect(refusedOutput.contains("token-key"), "\(refusedOutput)")
        #expect(!refusedOutput.contains(token))

        try AuditCLISupport.write("Cassettes/zitadel/me.har.gz", in: project)
        try AuditCLISupport.git(["add", "-A"], in: project, environment: environment)
        let accepted = try ProcessRunner.run(
            "git", ["commit", "-m", "clean cassette"], environment: environment, currentDirectory: project)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    }

    /// Every file of this package that git tracks or would track (the checkout pre-commit clones).
    static func packageFiles() throws -> [String] {
        let listed = try ProcessRunner.run(
            "git", ["ls-files", "-co", "--exclude-standard"], currentDirectory: BuiltProducts.packageRoot())
        guard listed.status == 0 else { throw GitFailure(arguments: ["ls-files"], output: listed.stderr) }
        let root = BuiltProducts.packageRoot()
        return listed.stdout.split(separator: "\n").map(String.init).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
    }
}
