import CassetteTestSupport
import Foundation

/// When the slow end-to-end tests run, and whether a missing network may skip them.
///
/// The tests that build this package from scratch as a user would (the command plugin in a
/// depending package, the pre-commit hook built by pre-commit) cost minutes each, so the suite
/// runs them only with `CASSETTE_E2E=1`; `.ci/run` sets it in its own steps. The tests that need
/// PyPI skip on a machine without it, but not in CI: there an unreachable PyPI is a failure.
enum EndToEndGate {
    /// `CASSETTE_E2E` is set to `1`.
    static var slowTestsEnabled: Bool {
        ProcessInfo.processInfo.environment["CASSETTE_E2E"] == "1"
    }

    /// `CI` is set to anything but empty, `0` or `false` (the record-mode rule).
    static var isCI: Bool {
        guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
        return !["", "0", "false"].contains(value)
    }

    /// Run a PyPI test when PyPI answers, and always in CI (where its absence fails the test).
    static var pyPIRequiredOrReachable: Bool {
        isCI || PyPIProbe.reachable()
    }

    /// `<package root>/.build/e2e/<name>`: kept between runs, so a second run reuses its builds.
    static func workFolder(_ name: String) throws -> URL {
        let folder = BuiltProducts.packageRoot().appendingPathComponent(".build/e2e/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Whether PyPI answers, so the pre-commit framework tests can install the tool.
enum PyPIProbe {
    static func reachable() -> Bool {
        guard
            let result = try? ProcessRunner.run(
                "python3",
                [
                    "-c",
                    """
                    import urllib.request, sys
                    try:
                        urllib.request.urlopen("https://pypi.org/simple/pre-commit/", timeout=10)
                    except Exception:
                        sys.exit(1)
                    """,
                ])
        else { return false }
        return result.status == 0
    }
}
