public import CassetteKit
public import Foundation

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// The services' `/me` cassettes that ship with this library (recorded from the built-in
/// emulator by `cassette demo`, redacted), so that a downstream test can replay any of them in one
/// line, without cassettes of its own:
///
/// ```swift
/// let replay = try ShippedCassette.zitadel.replaySession()
/// let (data, _) = try await replay.session.data(for: ShippedCassette.zitadel.request())
/// ```
///
/// One per built-in provider (`ProviderSchemas.builtInProviders`, read from the provider
/// profiles) whose `Resources/Shipped/<name>.har.gz` exists. They always replay in mode `none`,
/// whatever `CASSETTE_RECORD_MODE` says: nothing is recorded into the library's resources.
public struct ShippedCassette: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The provider's name (`zitadel`).
    public let rawValue: String

    /// The shipped cassette of this provider, or `nil` when none ships.
    public init?(rawValue: String) {
        guard Self.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    private init(named name: String) { rawValue = name }

    /// Smallest.ai Atoms, `GET https://api.smallest.ai/atoms/v1/user`.
    public static let atoms = ShippedCassette(named: "atoms")
    /// Unleash, `GET /api/admin/user`.
    public static let unleash = ShippedCassette(named: "unleash")
    /// Wacht, `GET /me` with the `__session` cookie.
    public static let wacht = ShippedCassette(named: "wacht")
    /// ZITADEL, `GET /auth/v1/users/me`.
    public static let zitadel = ShippedCassette(named: "zitadel")

    /// Every shipped cassette: the built-in providers that have one, sorted by name.
    public static var allCases: [ShippedCassette] {
        ProviderSchemas.builtInProviders.filter { name in
            ShippedCassetteFolder.directory.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("\(name).har.gz").path) }
                ?? false
        }.map(ShippedCassette.init(named:))
    }

    public var description: String { rawValue }

    /// The cassette file inside the library's resources, or `nil` when the resource bundle is
    /// not where SwiftPM puts it.
    public var url: URL? {
        ShippedCassetteFolder.directory?.appendingPathComponent("\(rawValue).har.gz")
    }

    /// The recorded interactions.
    public func log() throws(ReplaySetupError) -> HAR.Log {
        guard let url else { throw .shippedCassetteMissing(name: rawValue) }
        do {
            return try CassetteFile.read(url)
        } catch {
            throw .unreadableCassette(error)
        }
    }

    /// A session that replays this cassette (mode `none`).
    public func replaySession(options: ReplayOptions = ReplayOptions()) throws(ReplaySetupError) -> ReplaySession {
        guard let url else { throw .shippedCassetteMissing(name: rawValue) }
        return try ReplaySession(
            cassette: url, name: "shipped \(rawValue)/me", mode: ResolvedRecordMode(mode: .none, reason: "shipped cassette"),
            options: options, configuration: .ephemeral)
    }

    /// The recorded request (URL, method and headers, credentials as placeholders): send it, or
    /// a copy carrying a real credential, through ``replaySession(options:)``'s session.
    public func request() throws(ReplaySetupError) -> URLRequest {
        let log = try log()
        guard let entry = log.entries.first, let url = URL(string: entry.request.url) else {
            throw .shippedCassetteMissing(name: rawValue)
        }
        var request = URLRequest(url: url)
        request.httpMethod = entry.request.method
        for header in entry.request.headers where !header.name.hasPrefix(":") {
            request.addValue(header.value, forHTTPHeaderField: header.name)
        }
        return request
    }
}

/// Finds the `Shipped` resource folder without SwiftPM's generated `Bundle.module`, which stops
/// the process when the bundle is missing: beside the executable or test bundle, then in the
/// source checkout.
enum ShippedCassetteFolder {
    private static let bundleNames = ["CassetteKit_CassetteReplay.resources", "CassetteKit_CassetteReplay.bundle"]

    static let directory: URL? = {
        var roots: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL {
            roots.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        roots.append(contentsOf: Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() })
        var candidates: [URL] = []
        for root in roots {
            for name in bundleNames {
                candidates.append(root.appendingPathComponent(name).appendingPathComponent("Shipped"))
                candidates.append(root.appendingPathComponent(name).appendingPathComponent("Contents/Resources/Shipped"))
            }
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/Shipped"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("zitadel.har.gz").path) }
    }()
}
