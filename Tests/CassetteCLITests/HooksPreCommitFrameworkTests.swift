import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The hooks of this repository's `.pre-commit-hooks.yaml`, run by the real pre-commit tool on a
/// fresh git repository. In CI an unreachable PyPI fails these tests instead of skipping them.
@Suite("the real pre-commit framework runs this repository's hooks")
struct HooksPreCommitFrameworkTests {
    @Test(
        "cassette-audit-system (cassette on PATH) refuses a leaky cassette commit and lets a clean one through",
        .enabled("PyPI is unreachable and CI is not set: cannot pip install pre-commit") { EndToEndGate.pyPIRequiredOrReachable },
        .timeLimit(.minutes(10)))
    func systemHook() throws {
        let temporary = try TemporaryDirectory(prefix: "cassette-precommit")
        defer { temporary.remove() }
        let home = temporary.file("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let path = BuiltProducts.directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let harness = try PreCommitHarness(home: home, path: path)
        let hookRepository = temporary.file("hook-repo")
        let revision = try harness.makeHookRepository(at: hookRepository, copying: [])
        try harness.checkCommits(
            project: temporary.file("project"), hookRepository: hookRepository, revision: revision,
            hookID: "cassette-audit-system")
    }

    /// pre-commit clones this package, builds it in release mode (`language: swift`) and runs the
    /// built `cassette`: what a user with nothing but Swift gets. Minutes of build, so it runs
    /// with `CASSETTE_E2E=1` (a step of `.ci/run`); later runs reuse pre-commit's cache in
    /// `.build/e2e/`.
    @Test(
        "cassette-audit (language: swift, built by pre-commit from a clean cache) refuses a leaky commit, accepts a clean one",
        .enabled("set CASSETTE_E2E=1 to run (builds this package in release mode, minutes)") { EndToEndGate.slowTestsEnabled },
        .enabled("PyPI is unreachable and CI is not set: cannot pip install pre-commit") { EndToEndGate.pyPIRequiredOrReachable },
        .timeLimit(.minutes(30)))
    func swiftHook() throws {
        let work = try EndToEndGate.workFolder("pre-commit")
        let home = work.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // No `cassette` on PATH: the hook must use the one pre-commit built.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let harness = try PreCommitHarness(home: home, path: path, keepSystemGitConfig: true)
        let which = try ProcessRunner.run("sh", ["-c", "command -v cassette || true"], environment: harness.environment)
        try #require(which.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "cassette is on PATH: \(which.stdout)")
        let hookRepository = work.appendingPathComponent("hook-repo")
        let revision = try harness.makeHookRepository(at: hookRepository, copying: try PreCommitHarness.packageFiles())
        try harness.checkCommits(
            project: work.appendingPathComponent("project"), hookRepository: hookRepository, revision: revision,
            hookID: "cassette-audit")
    }
}
