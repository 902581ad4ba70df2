import Foundation

/// How old a cassette may be, counted from its `_cassette.recordedAt`:
/// `ReplayOptions(maxAge: .days(90))`, `cassette verify --max-age 90d`.
public struct CassetteMaxAge: Sendable, Hashable, CustomStringConvertible {
    /// The age in seconds.
    public let seconds: Double

    private init(seconds: Double) {
        self.seconds = max(0, seconds)
    }

    /// `count` days.
    public static func days(_ count: Int) -> CassetteMaxAge { CassetteMaxAge(seconds: Double(count) * 86_400) }
    /// `count` hours.
    public static func hours(_ count: Int) -> CassetteMaxAge { CassetteMaxAge(seconds: Double(count) * 3_600) }
    /// A number of seconds.
    public static func seconds(_ count: Double) -> CassetteMaxAge { CassetteMaxAge(seconds: count) }

    /// Parses `90d`, `12w`, `36h`, `3600s` (a bare number is days). `nil` for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, !trimmed.isEmpty, trimmed.count <= 12 else { return nil }
        let digits = unit.isNumber ? trimmed : String(trimmed.dropLast())
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let count = Double(digits) else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "h": scale = 3_600
        case "w": scale = 7 * 86_400
        case "d": scale = 86_400
        default:
            guard unit.isNumber else { return nil }
            scale = 86_400
        }
        self.init(seconds: count * scale)
    }

    /// `90 days`, `36 hours`, `45 seconds`.
    public var description: String { Self.duration(seconds) }

    /// A duration in the largest whole unit: `412 days`, `5 hours`, `30 seconds`.
    public static func duration(_ seconds: Double) -> String {
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        if seconds >= 86_400 { return unit(Int(seconds / 86_400), "day") }
        if seconds >= 3_600 { return unit(Int(seconds / 3_600), "hour") }
        return unit(Int(seconds), "second")
    }
}
