/// One way of deciding whether a recorded request answers an incoming one.
///
/// Matchers are plain values, not a closed list: the built-in ones are static factories
/// (``method``, ``url``, ``host``, ``query``, ``headers(_:)``, ``jsonBody``, ...), and
/// ``custom(_:_:)`` wraps any closure. Each returns a ``MatchResult`` with a reason, so that
/// a miss can be explained matcher by matcher.
///
/// ```swift
/// let matchers: [RequestMatcher] = [.method, .url, .headers(["Accept"]), .jsonBody]
/// ```
public struct RequestMatcher: Sendable {
    /// A short name shown in reports (`method`, `query`, `headers(Accept)`).
    public let name: String
    private let body: @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult

    /// A matcher from a name and a comparison of a recorded request with an incoming one.
    public init(
        name: String,
        _ body: @escaping @Sendable (_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> MatchResult
    ) {
        self.name = name
        self.body = body
    }

    /// Compares a recorded request with an incoming one.
    public func evaluate(recorded: PreparedRequest, incoming: PreparedRequest) -> MatchResult {
        body(recorded, incoming)
    }

    /// Compares two HAR requests (prepares both first).
    public func evaluate(recorded: HAR.Request, incoming: HAR.Request) -> MatchResult {
        body(PreparedRequest(recorded), PreparedRequest(incoming))
    }

    /// A matcher that passes when both this and `other` pass; its diff and reason combine both.
    public func and(_ other: RequestMatcher) -> RequestMatcher {
        let first = self
        return RequestMatcher(name: "\(first.name)+\(other.name)") { recorded, incoming in
            let a = first.evaluate(recorded: recorded, incoming: incoming)
            let b = other.evaluate(recorded: recorded, incoming: incoming)
            let failing = [a, b].filter { !$0.isMatch }
            if failing.isEmpty { return .match("\(a.reason); \(b.reason)") }
            return .mismatch(
                failing.map(\.reason).joined(separator: "; "),
                differences: failing.flatMap(\.differences),
                distance: (a.distance + b.distance) / 2)
        }
    }

    /// A matcher with another name (for reports).
    public func named(_ name: String) -> RequestMatcher {
        RequestMatcher(name: name, body)
    }

    /// A custom matcher from a predicate over the two HAR requests. Its reason on failure is
    /// `failureReason`, or says that the predicate refused.
    public static func custom(
        _ name: String, failureReason: String? = nil,
        _ predicate: @escaping @Sendable (_ recorded: HAR.Request, _ incoming: HAR.Request) -> Bool
    ) -> RequestMatcher {
        RequestMatcher(name: name) { recorded, incoming in
            predicate(recorded.har, incoming.har)
                ? .match("\(name) accepts")
                : .mismatch(failureReason ?? "\(name) refuses this interaction")
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
