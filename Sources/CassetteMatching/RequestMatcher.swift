import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// One way of deciding whether a recorded request answers an incoming one.
///
/// Matchers are plain values, not a closed list: the built-in ones are static factories
/// (``method``, ``url``, ``host``, ``query``, ``headers(_:)``, ``jsonBody``, ...), and
/// `custom(_:_:)` wraps any closure. Each returns a ``MatchResult`` with a reason, so that
/// a miss can be explained matcher by matcher.
///
/// ```swift
/// let matchers: [RequestMatcher] = [.method, .url, .headers(["Accept"]), .jsonBody]
/// ```
public struct RequestMatcher: Sendable {
    /// A short name shown in reports (`method`, `query`, `headers(Accept)`).
    public let name: String
    private let explain: @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    private let check: @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> Bool
    /// The request parts this matcher requires to be equal, so that a player can index
    /// interactions by them (see ``CassettePlayer``).
    let indexParts: IndexParts

    /// A matcher from a name and a comparison of a recorded request with an incoming one.
    /// The comparison runs for every candidate interaction; when building its reason is
    /// costly, use ``init(name:matches:explain:)``. Its reason and diff lines are judged as
    /// text by `SafeDisplay` before anyone reads them, so a custom matcher that quotes a
    /// request value cannot print a secret.
    public init(
        name: String,
        _ body: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    ) {
        self.init(name: name, index: [], matches: { body($0, $1).isMatch }, explain: { Self.displayable(body($0, $1)) })
    }

    /// A matcher with a cheap yes/no check, used while looking for the answering interaction,
    /// and an explanation (reason, diff, distance), built only to explain a miss. The two must
    /// agree on pass or fail. The explanation is judged as text by `SafeDisplay`.
    public init(
        name: String,
        matches: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> Bool,
        explain: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    ) {
        self.init(name: name, index: [], matches: matches, explain: { Self.displayable(explain($0, $1)) })
    }

    /// A custom matcher's result with its reason and diff lines made safe to print.
    static func displayable(_ result: MatchResult) -> MatchResult {
        var safe = result
        safe.reason = SafeDisplay.text(result.reason)
        safe.differences = result.differences.map(SafeDisplay.text)
        return safe
    }

    init(
        name: String, index: IndexParts,
        matches: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> Bool,
        explain: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    ) {
        self.name = name
        self.indexParts = index
        self.check = matches
        self.explain = explain
    }

    /// Compares a recorded request with an incoming one, with a reason and a diff.
    public func evaluate(recorded: PreparedRequest, incoming: PreparedRequest) -> MatchResult {
        explain(recorded, incoming)
    }

    /// Compares two HAR requests (prepares both first).
    public func evaluate(recorded: HAR.Request, incoming: HAR.Request) -> MatchResult {
        explain(PreparedRequest(recorded), PreparedRequest(incoming))
    }

    /// Whether a recorded request answers an incoming one, without building any text.
    public func matches(recorded: PreparedRequest, incoming: PreparedRequest) -> Bool {
        check(recorded, incoming)
    }

    /// A matcher that passes when both this and `other` pass; its diff and reason combine both.
    public func and(_ other: RequestMatcher) -> RequestMatcher {
        let first = self
        return RequestMatcher(
            name: "\(first.name)+\(other.name)", index: first.indexParts.union(other.indexParts),
            matches: { first.matches(recorded: $0, incoming: $1) && other.matches(recorded: $0, incoming: $1) }
        ) { recorded, incoming in
            let a = first.evaluate(recorded: recorded, incoming: incoming)
            let b = other.evaluate(recorded: recorded, incoming: incoming)
            let failing = [a, b].filter { !$0.isMatch }
            if failing.isEmpty { return .match("\(a.reason); \(b.reason)") }  // display-safe: results of matchers
            return .mismatch(
                failing.map(\.reason).joined(separator: "; "),
                differences: failing.flatMap(\.differences),
                distance: (a.distance + b.distance) / 2)
        }
    }

    /// A matcher with another name (for reports).
    public func named(_ name: String) -> RequestMatcher {
        RequestMatcher(name: name, index: indexParts, matches: check, explain: explain)
    }

    /// A custom matcher from a predicate over the two HAR requests. Its reason on failure is
    /// `failureReason`, or says that the predicate refused.
    public static func custom(
        _ name: String, failureReason: String? = nil,
        _ predicate: @escaping @Sendable (_ recorded: HAR.Request, _ incoming: HAR.Request) -> Bool
    ) -> RequestMatcher {
        RequestMatcher(name: name, matches: { predicate($0.har, $1.har) }) { recorded, incoming in
            predicate(recorded.har, incoming.har)
                ? .match("\(SafeDisplay.text(name)) accepts")
                : .mismatch(SafeDisplay.text(failureReason ?? "\(name) refuses this interaction"))
        }
    }

    /// A custom matcher with full control over the result (reason, diff, distance).
    public static func custom(
        name: String, _ evaluate: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    ) -> RequestMatcher {
        RequestMatcher(name: name, evaluate)
    }
}

extension Array where Element == RequestMatcher {
    /// The default: the method plus the whole URL, query order ignored.
    public static var `default`: [RequestMatcher] { [.method, .url] }

    /// The matcher names, comma separated (for reports).
    public var names: String { map(\.name).joined(separator: ", ") }
}

/// Parts of a request a matcher requires to be equal: the player indexes recorded interactions
/// by them, so that finding the answer costs the same with ten interactions or ten thousand.
struct IndexParts: OptionSet, Sendable, Hashable {
    let rawValue: Int
    static let method = IndexParts(rawValue: 1)
    static let host = IndexParts(rawValue: 2)
    static let path = IndexParts(rawValue: 4)
    /// The query as a multiset of name and value pairs (order ignored, repeats kept).
    static let query = IndexParts(rawValue: 8)
}
