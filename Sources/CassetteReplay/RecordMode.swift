import Foundation

/// When a replaying session may reach the real network to record.
///
/// A struct over private storage rather than an enum, so that modes can be added without
/// breaking anyone's `switch`. Parse one with ``init(rawValue:)`` (what `CASSETTE_RECORD_MODE`
/// holds).
///
/// ``automatic`` is not a mode of its own: it leaves the choice to the environment (see
/// ``ResolvedRecordMode``). It exists so that `mode: .none` always means the `none` mode and is
/// never read as an absent optional.
///
/// | mode | cassette exists | cassette missing |
/// |---|---|---|
/// | ``none`` | replay; a miss is an error, never a network call | error |
/// | ``once`` | same as `none` | record every request |
/// | ``newEpisodes`` | replay what matches, record and append the rest | record every request |
/// | ``rewrite`` | discard it, record every request | record every request |
public struct RecordMode: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: String, Sendable {
        case automatic, none, once, newEpisodes, rewrite
    }

    private let storage: Storage

    private init(_ storage: Storage) {
        self.storage = storage
    }

    /// Not chosen in code: `CASSETTE_RECORD_MODE` if set, else ``none`` when `CI` is set, else
    /// ``once``.
    public static let automatic = RecordMode(.automatic)
    /// Replay only: a request that matches nothing fails and never reaches the network.
    public static let none = RecordMode(.none)
    /// Record when the cassette does not exist yet; afterwards behave like ``none``.
    public static let once = RecordMode(.once)
    /// Replay what matches; record the other requests and append them to the cassette.
    public static let newEpisodes = RecordMode(.newEpisodes)
    /// Discard the cassette and record every request anew.
    public static let rewrite = RecordMode(.rewrite)

    /// Every mode, in the order above.
    public static let allModes: [RecordMode] = [.none, .once, .newEpisodes, .rewrite]

    /// Parses a mode name, case-insensitively: `none`, `once`, `newEpisodes` (also
    /// `new_episodes`, `new-episodes`), `rewrite` (also `all`, vcrpy's name for it).
    public init?(rawValue: String) {
        switch rawValue.trimmingCharacters(in: .whitespaces).lowercased() {
        case "none": storage = .none
        case "once": storage = .once
        case "newepisodes", "new_episodes", "new-episodes": storage = .newEpisodes
        case "rewrite", "all": storage = .rewrite
        default: return nil
        }
    }

    /// The canonical name (`none`, `once`, `newEpisodes`, `rewrite`, or `automatic`).
    public var rawValue: String { storage.rawValue }

    public var description: String { rawValue }

    /// Whether this mode may ever call the network (``automatic`` may, depending on the
    /// environment).
    public var mayRecord: Bool { storage != .none }

    /// Whether the existing cassette is ignored and every request recorded.
    var discardsExisting: Bool { storage == .rewrite }

    /// Whether a request that matches nothing is recorded (when the cassette exists).
    var recordsMisses: Bool { storage == .newEpisodes }

    /// Whether a missing cassette is recorded rather than an error.
    var recordsMissingCassette: Bool { storage != .none }
}
