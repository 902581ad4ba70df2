import CassetteAudit
public import CassetteFormat
import CassetteProviders
public import CassetteRedaction
import Synchronization

/// The replay engine: answers requests with the recorded interactions of one cassette.
///
/// Independent of `URLSession` (the URL protocol, `cassette serve` and `cassette match` all use
/// it). A request is redacted like recorded requests are (`Redaction/redactRequest(_:policy:)`)
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
        var index: InteractionIndex
        var used: [Bool]
        /// Per group key: every position of the group before this one is used.
        var cursors: [String: Int] = [:]
        /// Bumped whenever the log is replaced, so a stale cursor is never written.
        var generation = 0
    }

    /// How this player matches.
    public let options: Options
    private let indexParts: IndexParts
    private let state: Mutex<State>
    /// Requests already redacted and prepared, for clients that ask the same thing again.
    private let incomingCache = IncomingRequestCache()

    /// A player over a log's interactions, none used yet.
    public init(log: HAR.Log, options: Options) {
        self.options = options
        let parts = options.matchers.reduce(IndexParts()) { $0.union($1.indexParts) }
        indexParts = parts
        state = Mutex(
            State(
                index: InteractionIndex(log: log, parts: parts), used: Array(repeating: false, count: log.entries.count)))
    }

    /// The log as it stands (recorded interactions included).
    public var log: HAR.Log { state.withLock { $0.index.log } }

    /// Answers a request: the next unused matching interaction, which becomes used; or the
    /// last matching one again when ``Options/repeatLast`` allows; or a near-miss report.
    ///
    /// Finding the answer compares the request only with the interactions that share its
    /// method, host and path (when the matchers require those to be equal), with yes/no checks
    /// that build no text; a near-miss report is built only on a miss.
    public func answer(_ request: HAR.Request) -> PlaybackOutcome {
        respond(to: request, consume: true)
    }

    /// What ``answer(_:)`` would return, without using anything up.
    public func peek(_ request: HAR.Request) -> PlaybackOutcome {
        respond(to: request, consume: false)
    }

    /// The interactions no request has used yet, in recorded order.
    public func unusedInteractions() -> [InteractionSummary] {
        let (log, used) = state.withLock { ($0.index.log, $0.used) }
        return log.entries.indices.filter { !used[$0] }.map { InteractionSummary(index: $0, entry: log.entries[$0]) }
    }

    /// A readable list of the unused interactions, or `nil` when every one was used.
    public func unusedReport() -> String? {
        let unused = unusedInteractions()
        guard !unused.isEmpty else { return nil }
        return
            ([
                "cassette \(options.context.cassetteName): \(unused.count) recorded interaction\(unused.count == 1 ? " was" : "s were") never used:"
            ]
            + unused.map { "  \($0)" }).joined(separator: "\n")
    }

    /// Replaces the log after recording appended to it: interactions keep their used marks by
    /// position, and the positions in `used` are marked used.
    public func replaceLog(_ log: HAR.Log, markingUsed used: Set<Int> = []) {
        let index = InteractionIndex(log: log, parts: indexParts)
        state.withLock { state in
            var marks = Array(state.used.prefix(log.entries.count))
            marks += Array(repeating: false, count: log.entries.count - marks.count)
            for position in used where position >= 0 && position < marks.count { marks[position] = true }
            state = State(index: index, used: marks, cursors: [:], generation: state.generation + 1)
        }
    }

    // MARK: - Matching

    private func respond(to request: HAR.Request, consume: Bool) -> PlaybackOutcome {
        let incoming = incomingCache.incoming(request, policy: options.redaction)
        let (index, generation) = state.withLock { ($0.index, $0.generation) }
        let keys = [index.key(incoming.redacted)] + (incoming.raw.map { [index.key($0)] } ?? [])
        let (candidates, group) = index.candidates(keys: keys)
        var position = group.map { group in state.withLock { $0.cursors[group] ?? 0 } } ?? 0
        while position < candidates.count {
            let candidate = candidates[position]
            position += 1
            if state.withLock({ candidate >= $0.used.count || $0.used[candidate] }) { continue }
            guard matchesAll(index.prepared[candidate], incoming) else { continue }
            let playback = Playback(index: candidate, entry: index.log.entries[candidate], isRepeat: false)
            if !consume { return .answer(playback) }
            let taken: Bool = state.withLock { state in
                guard candidate < state.used.count, !state.used[candidate] else { return false }
                state.used[candidate] = true
                if let group, state.generation == generation {
                    var cursor = state.cursors[group] ?? 0
                    while cursor < candidates.count, state.used[candidates[cursor]] { cursor += 1 }
                    state.cursors[group] = cursor
                }
                return true
            }
            if taken { return .answer(playback) }
        }
        if options.repeatLast {
            // Only the candidates' marks are read (a copy of every mark cost each repeated
            // request time in proportion to the whole cassette).
            let usedCandidates = state.withLock { state in candidates.filter { $0 < state.used.count && state.used[$0] } }
            if let last = usedCandidates.last(where: { matchesAll(index.prepared[$0], incoming) }) {
                return .answer(Playback(index: last, entry: index.log.entries[last], isRepeat: true))
            }
        }
        let used = state.withLock { $0.used }
        return .miss(nearMissReport(incoming, index: index, used: used))
    }

    private func matchesAll(_ recorded: PreparedRequest, _ incoming: Incoming) -> Bool {
        options.matchers.allSatisfy { matcher in
            matcher.matches(recorded: recorded, incoming: incoming.redacted)
                || incoming.raw.map { matcher.matches(recorded: recorded, incoming: $0) } ?? false
        }
    }

    private func evaluate(_ matcher: RequestMatcher, _ recorded: PreparedRequest, _ incoming: Incoming) -> MatchResult {
        let result = matcher.evaluate(recorded: recorded, incoming: incoming.redacted)
        guard !result.isMatch, let raw = incoming.raw else { return result }
        // A cassette made without redaction (built by a test) still matches the request as sent.
        return matcher.matches(recorded: recorded, incoming: raw)
            ? .match("\(matcher.name) matches the request as sent (before redaction)") : result
    }

    private func nearMissReport(_ incoming: Incoming, index: InteractionIndex, used: [Bool]) -> NearMissReport {
        let candidates = index.prepared.indices.map { position -> NearMissReport.Candidate in
            let results = options.matchers.map {
                NearMissReport.NamedResult(matcher: $0.name, result: evaluate($0, index.prepared[position], incoming))
            }
            return NearMissReport.Candidate(
                index: position, summary: InteractionSummary(index: position, entry: index.log.entries[position]),
                results: results,
                alreadyUsed: position < used.count && used[position] && results.allSatisfy(\.result.isMatch),
                distance: results.reduce(0) { $0 + $1.result.distance })
        }
        let nearest = candidates.sorted {
            ($0.distance, $0.results.filter { !$0.result.isMatch }.count, $0.index)
                < ($1.distance, $1.results.filter { !$0.result.isMatch }.count, $1.index)
        }
        return NearMissReport(
            context: options.context, matchers: options.matchers.map(\.name),
            request: RequestSummary(incoming.redacted.har), interactionCount: index.log.entries.count,
            nearest: Array(nearest.prefix(3)))
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
