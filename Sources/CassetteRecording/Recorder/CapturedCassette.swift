public import CassetteFormat

/// A recording that went through the pipeline up to the write stage: called, turned into HAR and
/// sanitized (redacted, leak-checked, audited), but not yet on disk. ``Recorder/capture(_:)``
/// makes one; ``Recorder/store(_:plan:)`` writes it.
public struct CapturedCassette: Sendable {
    /// The sanitized cassette: safe to compare, print by location and write.
    public var log: HAR.Log
    /// HTTP status of the answer.
    public var status: Int
    /// Decoded response body size in bytes.
    public var bodySize: Int
    /// The URL called, without credentials.
    public var url: String

    /// Creates a captured cassette.
    public init(log: HAR.Log, status: Int, bodySize: Int, url: String) {
        self.log = log
        self.status = status
        self.bodySize = bodySize
        self.url = url
    }

    /// The first (for `cassette record`, the only) interaction.
    public var entry: HAR.Entry? { log.entries.first }
}
