import Synchronization

/// The replay engine: answers requests with the recorded interactions of one cassette.
///
/// Independent of `URLSession` (the URL protocol, `cassette serve` and `cassette match` all use
/// it). A request is redacted like recorded requests are (``Redaction/redactRequest(_:policy:)``)
/// and matched against the interactions in recorded order: the first unused one that passes
/// every matcher answers, and is then used. Identical requests therefore get successive
/// recorded answers (GET, PATCH, GET replays both GETs). Repeating the last answer once all
/// are used is opt-in (``Options/repeatLast``). When nothing matches, the answer is a
/// ``NearMissReport``.
///
/// Thread-safe: state lives behind a `Mutex`; many requests may be answered concurrently.
public final class CassettePlayer: Sendable {
    /// How the player matches.
    public struct Options: Sendable {
        /// The matchers every answering interaction must pass, in report order.
        public var matchers: [RequestMatcher]
        /// Answer with the last matching interaction again once every matching one is used.
        public var repeatLast: Bool
        /// How incoming requests are redacted before matching.
        public var redaction: RedactionPolicy
        /// Cassette name, mode and test, for reports.
        public var context: ReplayContext

        /// Creates options; the default matchers are method plus URL (query order ignored).
        public init(
            matchers: [RequestMatcher] = .default, repeatLast: Bool = false, redaction: RedactionPolicy = RedactionPolicy(),
            context: ReplayContext
        ) {
            self.matchers = matchers
            self.repeatLast = repeatLast
            self.redaction = redaction
            self.context = context
        }
    }

    private struct State {
        var log: HAR.Log
        var prepared: [PreparedRequest]
        var used: [Bool]
    }

    /// How this player matches.
    public let options: Options
    private let state: Mutex<State>

    /// A player over a log's interactions, none used yet.
    public init(log: HAR.Log, options: Options) {
        self.options = options
        state = Mutex(State(log: log, prepared: log.entries.map { PreparedRequest($0.request) },
                            used: Array(repeating: false, count: log.entries.count)))
    }

    /// The log as it stands (recorded interactions included).
    public var log: HAR.Log { state.withLock { $0.log } }

    /// Answers a request: the next unused matching interaction, which becomes used; or the
    /// last matching one again when ``Options/repeatLast`` allows; or a near-miss report.
    public func answer(_ request: HAR.Request) -> PlaybackOutcome {
        respond(to: request, consume: true)
    }

    /// What ``answer(_:)`` would return, without using anything up.
    public func peek(_ request: HAR.Request) -> PlaybackOutcome {
        respond(to: request, consume: false)
    }

    /// The interactions no request has used yet, in recorded order.
    public func unusedInteractions() -> [InteractionSummary] {
        state.withLock { state in
            state.log.entries.indices.filter { !state.used[$0] }.map { InteractionSummary(index: $0, entry: state.log.entries[$0]) }
        }
    }

    /// A readable list of the unused interactions, or `nil` when every one was used.
    public func unusedReport() -> String? {
        let unused = unusedInteractions()
        guard !unused.isEmpty else { return nil }
        return (["cassette \(options.context.cassetteName): \(unused.count) recorded interaction\(unused.count == 1 ? " was" : "s were") never used:"]
            + unused.map { "  \($0)" }).joined(separator: "\n")
    }

    /// Replaces the log (after recording): interactions keep their used marks by position;
    /// positions in `used` are marked used.
    public func replaceLog(_ log: HAR.Log, markingUsed used: Set<Int> = []) {
        let prepared = log.entries.map { PreparedRequest($0.request) }
        state.withLock { state in
            var marks = Array(state.used.prefix(log.entries.count))
            marks += Array(repeating: false, count: log.entries.count - marks.count)
            for index in used where index < marks.count { marks[index] = true }
            state = State(log: log, prepared: prepared, used: marks)
        }
    }

    // MARK: - Matching

    private func respond(to request: HAR.Request, consume: Bool) -> PlaybackOutcome {
        let incoming = Incoming(request, policy: options.redaction)
        var start = 0
        while true {
            let (log, prepared, used) = state.withLock { ($0.log, $0.prepared, $0.used) }
            guard let index = (start..<prepared.count).first(where: { !used[$0] && matchesAll(prepared[$0], incoming) }) else {
                break
            }
            if !consume { return .answer(Playback(index: index, entry: log.entries[index], isRepeat: false)) }
            let taken: Bool = state.withLock { state in
                guard index < state.used.count, !state.used[index] else { return false }
                state.used[index] = true
                return true
            }
            if taken { return .answer(Playback(index: index, entry: log.entries[index], isRepeat: false)) }
            start = index + 1
        }
        let (log, prepared, used) = state.withLock { ($0.log, $0.prepared, $0.used) }
        if options.repeatLast,
            let index = prepared.indices.last(where: { used[$0] && matchesAll(prepared[$0], incoming) })
        {
            return .answer(Playback(index: index, entry: log.entries[index], isRepeat: true))
        }
        return .miss(nearMissReport(incoming, log: log, prepared: prepared, used: used))
    }

    private func matchesAll(_ recorded: PreparedRequest, _ incoming: Incoming) -> Bool {
        options.matchers.allSatisfy { evaluate($0, recorded, incoming).isMatch }
    }

    private func evaluate(_ matcher: RequestMatcher, _ recorded: PreparedRequest, _ incoming: Incoming) -> MatchResult {
        let result = matcher.evaluate(recorded: recorded, incoming: incoming.redacted)
        guard !result.isMatch, let raw = incoming.raw else { return result }
        // A cassette made without redaction (built by a test) still matches the request as sent.
        return matcher.evaluate(recorded: recorded, incoming: raw).isMatch
            ? .match("\(matcher.name) matches the request as sent (before redaction)") : result
    }

    private func nearMissReport(
        _ incoming: Incoming, log: HAR.Log, prepared: [PreparedRequest], used: [Bool]
    ) -> NearMissReport {
        let candidates = prepared.indices.map { index -> NearMissReport.Candidate in
            let results = options.matchers.map {
                NearMissReport.NamedResult(matcher: $0.name, result: evaluate($0, prepared[index], incoming))
            }
            return NearMissReport.Candidate(
                index: index, summary: InteractionSummary(index: index, entry: log.entries[index]), results: results,
                alreadyUsed: used[index] && results.allSatisfy(\.result.isMatch),
                distance: results.reduce(0) { $0 + $1.result.distance })
        }
        let nearest = candidates.sorted {
            ($0.distance, $0.results.filter { !$0.result.isMatch }.count, $0.index)
                < ($1.distance, $1.results.filter { !$0.result.isMatch }.count, $1.index)
        }
        return NearMissReport(
            context: options.context, matchers: options.matchers.map(\.name),
            request: RequestSummary(incoming.redacted.har), interactionCount: log.entries.count,
            nearest: Array(nearest.prefix(3)))
    }
}

/// An incoming request prepared twice: redacted (what is matched and shown) and, when
/// redaction changed it, as sent (matched only, never shown).
private struct Incoming {
    let redacted: PreparedRequest
    let raw: PreparedRequest?

    init(_ request: HAR.Request, policy: RedactionPolicy) {
        let redactedRequest = Redaction.redactRequest(request, policy: policy)
        redacted = PreparedRequest(redactedRequest)
        raw = redactedRequest == request ? nil : PreparedRequest(request)
    }
}

/// What a ``CassettePlayer`` answers.
public enum PlaybackOutcome: Sendable {
    /// A recorded interaction answers.
    case answer(Playback)
    /// Nothing matches; the report says why.
    case miss(NearMissReport)
}

/// A recorded interaction chosen to answer a request.
public struct Playback: Sendable, Hashable {
    /// Its position in the cassette (0-based).
    public var index: Int
    /// The interaction.
    public var entry: HAR.Entry
    /// Whether it answered before (``CassettePlayer/Options/repeatLast``).
    public var isRepeat: Bool
}
