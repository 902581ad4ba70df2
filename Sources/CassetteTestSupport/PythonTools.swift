import Foundation

/// Python virtual environments with tools from PyPI, for tests that run the real tools users
/// would (vcrpy, pre-commit). Kept under the package's `.build/test-venvs/` so that later runs
/// reuse them.
public enum PythonTools {
    /// Why a virtual environment could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The python of a virtual environment holding `packages` (pinned `name==version`), created
    /// when missing.
    public static func environment(packages: [String], filePath: String = #filePath) throws -> String {
        let name = packages.joined(separator: "_").replacingOccurrences(of: "=", with: "-")
        let folder = BuiltProducts.packageRoot(filePath: filePath).appendingPathComponent(".build/test-venvs/\(name)")
        let python = folder.appendingPathComponent("bin/python").path
        let marker = folder.appendingPathComponent(".installed")
        if FileManager.default.fileExists(atPath: marker.path) { return python }
        try? FileManager.default.removeItem(at: folder)
        let created = try ProcessRunner.run("python3", ["-m", "venv", folder.path])
        guard created.status == 0 else {
            throw Failure(description: "python3 -m venv failed (install python3-venv): \(created.stderr)")
        }
        let installed = try ProcessRunner.run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + packages)
        guard installed.status == 0 else {
            throw Failure(description: "pip install \(packages.joined(separator: " ")) failed (is PyPI reachable?): \(installed.stderr)")
        }
        try Data().write(to: marker)
        return python
    }
}
