import CassetteKit
import CassetteSynth
import Foundation

/// The cassettes shipped in `Cassettes/`, read from the source tree.
enum ShippedCassettes {
    static func url(_ provider: BuiltInProvider, filePath: String = #filePath) -> URL {
        var folder = URL(fileURLWithPath: filePath)
        while folder.pathComponents.count > 1, !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("Cassettes/\(provider.rawValue)/me.har.gz")
    }

    static func log(_ provider: BuiltInProvider) throws -> HAR.Log {
        try CassetteFile.read(url(provider))
    }
}
