package import Foundation

/// The recording pipeline's one clock: when an exchange started (HAR's `startedDateTime`, RFC 3339
/// with milliseconds, UTC) and how long it took (a monotonic clock, whole milliseconds). Both
/// `cassette record` and in-test recording time their exchanges with it.
package struct ExchangeTiming: Sendable {
    /// The wall-clock moment the request was sent.
    package let started: Date
    private let start: ContinuousClock.Instant

    /// Starts timing an exchange now.
    package static func start() -> ExchangeTiming {
        ExchangeTiming(started: Date(), start: ContinuousClock.now)
    }

    /// Whole milliseconds since ``start()``.
    package func elapsedMilliseconds() -> Double {
        let elapsed = ContinuousClock.now - start
        return (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded()
    }

    /// `started` as HAR writes it.
    package var startedDateTime: String { Self.timestamp(started) }

    /// A date as HAR and `_cassette.recordedAt` write it: RFC 3339 with milliseconds, UTC.
    package static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
