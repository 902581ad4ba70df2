public import CassetteKit
public import Foundation

/// Why a replaying session could not be set up. Each message names what is wrong, where, and
/// the next step; none contains a secret.
public enum ReplaySetupError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// `CASSETTE_RECORD_MODE` holds something that is not a mode.
    case invalidRecordMode(String)
    /// The cassette does not exist and the mode does not record.
    case cassetteMissing(path: String, mode: String, rerecord: [String])
    /// The cassette exists but cannot be read.
    case unreadableCassette(CassetteError)
    /// No `Package.swift` above the test file, and no `CASSETTE_DIR`.
    case noPackageRoot(filePath: String)
    /// A shipped cassette is not in the bundle.
    case shippedCassetteMissing(name: String)

    public var description: String {
        switch self {
        case .invalidRecordMode(let value):
            return "CASSETTE_RECORD_MODE=\(value) is not a record mode; use none, once, newEpisodes or rewrite."
        case .cassetteMissing(let path, let mode, let rerecord):
            return
                (["\(path): no such cassette, and record mode \(mode) does not record. Record it:"]
                + rerecord.map { "  \($0)" }).joined(separator: "\n")
        case .unreadableCassette(let error):
            return error.description
        case .noPackageRoot(let filePath):
            return
                "no Package.swift in any folder above \(filePath), so there is no Cassettes/ folder to use; set CASSETTE_DIR to the folder holding your cassettes."
        case .shippedCassetteMissing(let name):
            return
                "the shipped cassette \(name) is not in the CassetteReplay bundle (Resources/Shipped/\(name).har.gz); rebuild the package or reinstall CassetteReplay."
        }
    }

    public var errorDescription: String? { description }
}
