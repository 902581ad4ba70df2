public import Foundation

/// Finds cassettes by name: `zitadel/me` is `Cassettes/zitadel/me.har.gz` in the package that
/// holds the calling test (found by walking up from its `#filePath` to the folder with
/// `Package.swift`), or under `CASSETTE_DIR` when that is set.
public enum CassetteLocator {
    /// The environment variable that overrides the cassette folder.
    public static let environmentVariable = "CASSETTE_DIR"

    /// The folder cassettes live in for a test file.
    public static func directory(
        filePath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ReplaySetupError) -> URL {
        if let override = environment[environmentVariable], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true).standardizedFileURL
        }
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.appendingPathComponent("Cassettes", isDirectory: true)
            }
            folder = folder.deletingLastPathComponent()
        }
        throw .noPackageRoot(filePath: filePath)
    }

    /// The file of a named cassette: an absolute path as is; otherwise under ``directory(filePath:environment:)``,
    /// with `.har.gz` added unless the name already ends in `.har.gz`, `.har` or `.json`.
    public static func url(
        for name: String, filePath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ReplaySetupError) -> URL {
        let file = hasCassetteExtension(name) ? name : "\(name).har.gz"
        if name.hasPrefix("/") { return URL(fileURLWithPath: file) }
        return try directory(filePath: filePath, environment: environment).appendingPathComponent(file)
    }

    private static func hasCassetteExtension(_ name: String) -> Bool {
        name.hasSuffix(".har.gz") || name.hasSuffix(".har") || name.hasSuffix(".json")
    }
}
