import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// What a successful `cassette record` did.
public struct RecordingOutcome: Sendable {
    /// What happened to the file.
    public enum Change: Sendable, Equatable {
        /// There was no cassette; it was written.
        case created
        /// The redacted content equals the cassette on disk (timestamps and durations aside):
        /// the file was left byte-identical.
        case unchanged
        /// The content changed; the file was replaced atomically. Lines name JSON pointers and
        /// header names, never values.
        case replaced(summary: [String])
    }

    /// The URL called, without credentials.
    public var url: String
    /// HTTP status of the answer.
    public var status: Int
    /// Decoded response body size in bytes.
    public var bodySize: Int
    /// What was redacted where (locations only).
    public var redaction: RedactionReport
    /// What happened to the file.
    public var change: Change
    /// The cassette file.
    public var output: String

    /// Creates an outcome from its parts.
    public init(url: String, status: Int, bodySize: Int, redaction: RedactionReport, change: Change, output: String) {
        self.url = url
        self.status = status
        self.bodySize = bodySize
        self.redaction = redaction
        self.change = change
        self.output = output
    }

    /// "3 values redacted: request header Authorization; response body /user/inviteLink".
    public var redactionSummary: String {
        let items = redaction.items
        guard !items.isEmpty else { return "nothing redacted" }
        // Array elements are grouped: `response body /data/backup_codes/* (12)`.
        var places: [String] = []
        var counts: [String: Int] = [:]
        for item in items {
            var location = item.location
            if let slash = location.lastIndex(of: "/"), !location[location.index(after: slash)...].isEmpty,
                location[location.index(after: slash)...].allSatisfy(\.isNumber)
            {
                location = String(location[..<slash]) + "/*"
            }
            let place = "\(item.side) \(item.kind) \(location)"
            if counts[place] == nil { places.append(place) }
            counts[place, default: 0] += 1
        }
        places = places.map { place in
            let count = counts[place] ?? 1
            return place.hasSuffix("/*") && count > 1 ? "\(place) (\(count))" : place
        }
        let pseudonymized = redaction.pseudonymized.isEmpty ? "" : "; \(redaction.pseudonymized.count) personal values pseudonymized"
        return "\(items.count) value\(items.count == 1 ? "" : "s") redacted: \(places.joined(separator: "; "))\(pseudonymized)"
    }
}
