public import CassetteKit
public import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    public import FoundationNetworking
#endif

/// A `URLSession` that replays one cassette, with the cassette's state and the session's
/// problems at hand.
///
/// ```swift
/// let replay = try ReplaySession(cassette: url)
/// let (data, response) = try await replay.session.data(from: URL(string: "https://api.example.com/me")!)
/// let summary = replay.finish()   // problems and unused interactions
/// ```
///
/// Each session gets its own URL protocol class, so sessions on different cassettes can run
/// in parallel without seeing each other's interactions. Keep the `ReplaySession` alive while
/// its `URLSession` (or a session made from ``makeConfiguration(basedOn:)``) is in use; its
/// route ends when it is finished or released.
public final class ReplaySession: Sendable {
    /// The cassette's name in reports.
    public let name: String
    /// The cassette file; `nil` for an in-memory log.
    public let cassetteURL: URL?
    /// The record mode in force, and why.
    public let recordMode: ResolvedRecordMode
    /// A session that replays the cassette (an ephemeral configuration unless told otherwise).
    public let session: URLSession
    /// The replay engine (matching, order, unused interactions).
    public let player: CassettePlayer
    /// The cassette is older than ``ReplayOptions/maxAge`` (reported by ``finish()``).
    public let staleCassette: ReplayFinding?
    /// The engine answering this session's requests (also used by the AsyncHTTPClient
    /// replaying client, which sends nothing through ``session``).
    package let handler: ReplayHandler
    private let lease: RouteLease
    /// Whether ``makeConfiguration(basedOn:)`` handed the protocol class out.
    private let exported = Mutex(false)

    /// Replays the cassette at `cassette`, recording when the resolved mode says so.
    public convenience init(
        cassette: URL, name: String? = nil, options: ReplayOptions = ReplayOptions(),
        configuration: URLSessionConfiguration = .ephemeral
    ) throws(ReplaySetupError) {
        let mode = try ResolvedRecordMode(requested: options.recordMode, environment: options.environment)
        try self.init(cassette: cassette, name: name, mode: mode, options: options, configuration: configuration)
    }

    /// Replays a named cassette: `zitadel/me` is `Cassettes/zitadel/me.har.gz` in the package
    /// holding `filePath` (the calling test file), or under `CASSETTE_DIR` when that is set in
    /// `options.environment`; see ``CassetteLocator``.
    public convenience init(
        named name: String, filePath: String = #filePath, options: ReplayOptions = ReplayOptions(),
        configuration: URLSessionConfiguration = .ephemeral
    ) throws(ReplaySetupError) {
        let url = try CassetteLocator.url(for: name, filePath: filePath, environment: options.environment)
        try self.init(cassette: url, name: name, options: options, configuration: configuration)
    }

    /// Replays an in-memory log, never recording (mode `none`).
    public convenience init(
        log: HAR.Log, name: String, options: ReplayOptions = ReplayOptions(),
        configuration: URLSessionConfiguration = .ephemeral
    ) {
        let mode = ResolvedRecordMode(mode: .none, reason: "in-memory cassette")
        let context = Self.context(name: name, path: nil, mode: mode, log: log, options: options)
        let player = CassettePlayer(log: log, options: Self.playerOptions(options, log: log, context: context))
        self.init(
            name: name, cassetteURL: nil, mode: mode, player: player,
            handler: ReplayHandler(player: player, behaviour: .replayOnly, recorder: nil, latency: options.latency),
            configuration: configuration, staleCassette: CassetteAgeCheck.finding(log: log, options: options, context: context))
    }

    /// Replays a cassette file in a given mode (shipped cassettes use `none`, whatever the
    /// environment says).
    convenience init(
        cassette: URL, name: String?, mode: ResolvedRecordMode, options: ReplayOptions,
        configuration: URLSessionConfiguration
    ) throws(ReplaySetupError) {
        let displayName = name ?? cassette.lastPathComponent
        let exists = FileManager.default.fileExists(atPath: cassette.path)
        var log = HAR.Log()
        let behaviour: ReplayHandler.Behaviour
        if mode.mode.discardsExisting {
            behaviour = .recordAll
        } else if exists {
            do {
                log = try CassetteFile.read(cassette)
            } catch {
                throw .unreadableCassette(error)
            }
            behaviour = mode.mode.recordsMisses ? .recordMisses : .replayOnly
        } else if mode.mode.recordsMissingCassette {
            behaviour = .recordAll
        } else {
            let context = Self.context(name: displayName, path: cassette.path, mode: mode, log: log, options: options)
            throw .cassetteMissing(path: cassette.path, mode: mode.description, rerecord: context.rerecordCommands)
        }
        let context = Self.context(name: displayName, path: cassette.path, mode: mode, log: log, options: options)
        let playerOptions = Self.playerOptions(options, log: log, context: context)
        let player = CassettePlayer(log: log, options: playerOptions)
        let recorder =
            behaviour == .replayOnly
            ? nil
            : LiveRecorder(
                cassetteURL: cassette, base: log, policy: playerOptions.redaction, player: player,
                sanitize: options.recordingSanitizer ?? .redacting)
        // A cassette recorded again from scratch in this session is new: its age is not checked.
        let stale = behaviour == .recordAll ? nil : CassetteAgeCheck.finding(log: log, options: options, context: context)
        self.init(
            name: displayName, cassetteURL: cassette, mode: mode, player: player,
            handler: ReplayHandler(player: player, behaviour: behaviour, recorder: recorder, latency: options.latency),
            configuration: configuration, staleCassette: stale)
    }

    private init(
        name: String, cassetteURL: URL?, mode: ResolvedRecordMode, player: CassettePlayer, handler: ReplayHandler,
        configuration: URLSessionConfiguration, staleCassette: ReplayFinding?
    ) {
        self.staleCassette = staleCassette
        self.name = name
        self.cassetteURL = cassetteURL
        self.recordMode = mode
        self.player = player
        self.handler = handler
        lease = RouteTable.shared.lease(handler)
        session = URLSession(configuration: Self.configure(configuration, route: lease.route))
    }

    deinit {
        // Not invalidateAndCancel: on Linux a cancel racing a task that has just delivered its
        // answer makes `data(for:)` resume its continuation twice (a fatal error, seen under
        // ThreadSanitizer timing). Tasks still running finish; no new task can start.
        session.finishTasksAndInvalidate()
        handler.recorder?.invalidate()
        RouteTable.shared.release(lease, reusable: !exported.withLock { $0 })
    }

    /// A configuration whose sessions replay this cassette: a copy of `base` with the replay
    /// protocol first in `protocolClasses` and caching off. Inject it into your own
    /// `URLSession` (on Linux, `URLSession.shared` ignores `URLProtocol.registerClass`).
    ///
    /// Sessions made from it stop answering when this replaying session ends; their protocol
    /// class is then retired rather than reused, so they can never reach another cassette.
    public func makeConfiguration(basedOn base: URLSessionConfiguration = .ephemeral) -> URLSessionConfiguration {
        exported.withLock { $0 = true }
        return Self.configure(base, route: lease.route)
    }

    /// Misses and refused recordings so far.
    public var problems: [ReplayProblem] { handler.problems }

    /// Recorded interactions no request has used yet.
    public func unusedInteractions() -> [InteractionSummary] { player.unusedInteractions() }

    /// Ends the session: cancels what is still running, frees its protocol class for reuse and
    /// returns its problems and unused interactions. Requests made afterwards fail.
    @discardableResult
    public func finish() -> ReplaySummary {
        session.finishTasksAndInvalidate()
        handler.recorder?.invalidate()
        RouteTable.shared.release(lease, reusable: !exported.withLock { $0 })
        return ReplaySummary(
            problems: handler.problems, unusedInteractions: player.unusedInteractions(), unusedReport: player.unusedReport(),
            staleCassette: staleCassette)
    }

    private static func configure(_ base: URLSessionConfiguration, route: RouteClass) -> URLSessionConfiguration {
        let configuration = (base.copy() as? URLSessionConfiguration) ?? base
        configuration.protocolClasses = [route.type] + (configuration.protocolClasses ?? [])
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return configuration
    }

    private static func context(
        name: String, path: String?, mode: ResolvedRecordMode, log: HAR.Log, options: ReplayOptions
    ) -> ReplayContext {
        ReplayContext(
            cassetteName: name, cassettePath: path, mode: mode.description, testName: options.testName,
            provider: options.redaction.provider ?? log.cassette?.provider)
    }

    private static func playerOptions(_ options: ReplayOptions, log: HAR.Log, context: ReplayContext) -> CassettePlayer.Options {
        var redaction = options.redaction
        if redaction.provider == nil { redaction.provider = log.cassette?.provider }
        return CassettePlayer.Options(
            matchers: options.matchers, repeatLast: options.repeatLast, redaction: redaction, context: context)
    }
}
