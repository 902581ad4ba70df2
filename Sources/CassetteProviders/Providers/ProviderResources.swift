public import CassetteFormat
public import Foundation

/// Why a built-in provider file could not be loaded.
public struct ProviderResourceError: Error, Sendable, CustomStringConvertible {
    /// The resource that could not be read.
    public let name: String
    /// What went wrong.
    public let detail: String
    public var description: String {
        "built-in provider file \(name): \(detail). Reinstall cassette, or set CASSETTE_RESOURCES to the folder holding the provider files."
    }
}

/// The provider files shipped with the toolkit (`Resources/providers`: profiles and JSON Schemas).
/// The folder is the catalog: each `<name>.profile.json` in it is a built-in provider, with the
/// schemas its profile names (`<name>.me.schema.json`, `<name>.error.schema.json`); every list of
/// providers in the toolkit is derived from it. `CASSETTE_RESOURCES` points at another folder.
///
/// Found without SwiftPM's generated `Bundle.module`, which stops the process when the resource
/// bundle is missing: this looks in the places SwiftPM puts the bundle (beside the executable or
/// the test bundle), then in the source checkout, and reports a clear error otherwise.
public enum ProviderResources {
    private static let bundleNames = ["CassetteKit_CassetteProviders.resources", "CassetteKit_CassetteProviders.bundle"]

    /// The folder holding the provider files, or `nil` when it cannot be found.
    public static let directory: URL? = locate()

    private static func locate() -> URL? {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["CASSETTE_RESOURCES"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        var roots: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            roots.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        roots.append(contentsOf: Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() })
        for root in roots {
            for name in bundleNames {
                candidates.append(root.appendingPathComponent(name).appendingPathComponent("providers"))
                candidates.append(root.appendingPathComponent(name).appendingPathComponent("Contents/Resources/providers"))
            }
        }
        // A source checkout (development builds and tests).
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Resources/providers"))
        return candidates.first { !profileNames(in: $0).isEmpty }
    }

    /// The providers a folder defines: one per `<name>.profile.json`, sorted by name.
    package static func profileNames(in folder: URL) -> [String] {
        let suffix = ".profile.json"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(suffix) && $0.count > suffix.count }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// The bytes of a provider file such as `zitadel.me.schema.json`.
    public static func data(named name: String) throws(ProviderResourceError) -> Data {
        guard let directory else { throw ProviderResourceError(name: name, detail: "the provider folder was not found") }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            throw ProviderResourceError(name: name, detail: "no such file in \(directory.path)")
        }
        return data
    }

    /// A provider file parsed as JSON.
    public static func json(named name: String) throws(ProviderResourceError) -> JSONValue {
        let data = try data(named: name)
        do {
            return try JSONParser.parse(data)
        } catch {
            throw ProviderResourceError(name: name, detail: "invalid JSON at \(error.description)")
        }
    }
}

/// The JSON Schemas (draft 2020-12) of the built-in providers' `/me` responses.
///
/// Secret fields carry `"x-secret": true` (the whole value) or `"x-secret": "url"` (only the
/// secret query parameter or path part of a URL); personal fields carry `"x-pii": "<kind>"`.
/// Redaction, pseudonymization and the synthesizer all read these, so they never disagree.
public enum ProviderSchemas {
    /// The names of the built-in providers: one per `<name>.profile.json` in the provider folder
    /// (``ProviderResources``), sorted.
    public static let builtInProviders: [String] = ProviderResources.directory.map(ProviderResources.profileNames(in:)) ?? []

    /// The schema of a provider's successful `/me` body.
    public static func me(for provider: String) throws(ProviderResourceError) -> JSONValue {
        try ProviderResources.json(named: "\(provider).me.schema.json")
    }

    /// The schema of a provider's error bodies (401, 400, 500 as that service sends them).
    public static func error(for provider: String) throws(ProviderResourceError) -> JSONValue {
        try ProviderResources.json(named: "\(provider).error.schema.json")
    }
}
