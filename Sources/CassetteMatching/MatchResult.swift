import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// What one ``RequestMatcher`` concluded about one recorded interaction: pass or fail, a
/// one-line reason, and the lines of a diff showing what differs.
///
/// Reasons and diffs are written for people reading a failed test: they name what was
/// compared and show both sides, with secret-looking values hidden (see `SafeDisplay`). A
/// custom matcher's own reason and diff lines are judged as text by ``NearMissReport`` before
/// they are printed.
public struct MatchResult: Sendable, Hashable {
    /// Whether the recorded request satisfies the matcher.
    public var isMatch: Bool
    /// One line saying why (`"method GET"`, `"path differs: /v1/user vs /v1/users"`).
    public var reason: String
    /// Diff lines (`"- recorded: page=2"`, `"+ request:  page=3"`); empty on a match.
    public var differences: [String]
    /// How far apart the two requests are for this matcher, from 0 (same) to 1 (nothing in
    /// common); ranks near misses so that the nearest recorded interaction comes first.
    public var distance: Double

    /// Creates a result.
    public init(isMatch: Bool, reason: String, differences: [String] = [], distance: Double? = nil) {
        self.isMatch = isMatch
        self.reason = reason
        self.differences = differences
        self.distance = distance.map { Swift.min(Swift.max($0, 0), 1) } ?? (isMatch ? 0 : 1)
    }

    /// A pass with its reason.
    public static func match(_ reason: String) -> MatchResult {
        MatchResult(isMatch: true, reason: reason)
    }

    /// A failure with its reason, diff lines and distance (1 unless told).
    public static func mismatch(_ reason: String, differences: [String] = [], distance: Double = 1) -> MatchResult {
        MatchResult(isMatch: false, reason: reason, differences: differences, distance: distance)
    }
}
