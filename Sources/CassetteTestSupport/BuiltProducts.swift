public import Foundation

/// Where `swift build` put the products under test.
public enum BuiltProducts {
    /// The folder holding the test bundle and the executables (`.build/<triple>/debug`).
    public static var directory: URL {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for candidate in candidates {
            var folder = candidate
            for _ in 0..<4 {
                if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("cassette").path) { return folder }
                folder = folder.deletingLastPathComponent()
            }
        }
        return candidates[0]
    }

    /// The built `cassette` command.
    public static var cassette: String {
        directory.appendingPathComponent("cassette").path
    }

    /// The package root (the folder holding `Package.swift`), found from this file's path.
    public static func packageRoot(filePath: String = #filePath) -> URL {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
