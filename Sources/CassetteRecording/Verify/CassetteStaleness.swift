public import CassetteFormat
public import Foundation

/// A cassette older than its allowed ``CassetteMaxAge`` (or whose age cannot be told): what the
/// replay helpers and `cassette verify --max-age` report, with the way to refresh it.
public struct CassetteStaleness: Sendable, Hashable, CustomStringConvertible {
    /// The cassette's `_cassette.recordedAt`, when it has one.
    public var recordedAt: String?
    /// Its age in seconds, when `recordedAt` could be read.
    public var age: Double?
    /// The allowed age.
    public var maxAge: CassetteMaxAge

    /// Whether `log` is older than `maxAge` at `now`: `nil` when it is not, a staleness when it
    /// is or when it has no readable `recordedAt` (its age cannot be shown to be within bounds).
    public static func check(_ log: HAR.Log, maxAge: CassetteMaxAge, now: Date = Date()) -> CassetteStaleness? {
        let recordedAt = log.cassette?.recordedAt
        guard let text = recordedAt, let date = parse(text) else {
            return CassetteStaleness(recordedAt: recordedAt, age: nil, maxAge: maxAge)
        }
        let age = now.timeIntervalSince(date)
        return age > maxAge.seconds ? CassetteStaleness(recordedAt: text, age: age, maxAge: maxAge) : nil
    }

    /// An RFC 3339 time with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `recorded 412 days ago (2025-01-01), older than the 90 days allowed`.
    public var description: String {
        guard let age else {
            return "has no readable _cassette.recordedAt, so its age cannot be shown to be within the \(maxAge) allowed"
        }
        let day = recordedAt.map { String($0.prefix(10)) } ?? "?"
        return "recorded \(CassetteMaxAge.duration(age)) ago (\(day)), older than the \(maxAge) allowed"
    }
}
