import CassetteKit
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The four services' `/me` cassettes that ship with this library (recorded from the built-in
/// emulator by `cassette demo`, redacted), so that a downstream test can replay any of them in one
/// line, without cassettes of its own:
///
/// ```swift
/// let replay = try ShippedCassette.zitadel.replaySession()
/// let (data, _) = try await replay.session.data(for: ShippedCassette.zitadel.request())
/// ```
///
/// They always replay in mode `none`, whatever `CASSETTE_RECORD_MODE` says: nothing is recorded
/// into the library's resources.
public enum ShippedCassette: String, CaseIterable, Sendable {
    /// Smallest.ai Atoms, `GET https://api.smallest.ai/atoms/v1/user`.
    case atoms
    /// Unleash, `GET /api/admin/user`.
    case unleash
    /// Wacht, `GET /me` with the `__session` cookie.
    case wacht
    /// ZITADEL, `GET /auth/v1/users/me`.
    case zitadel

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
