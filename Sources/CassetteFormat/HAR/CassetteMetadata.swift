/// Toolkit data stored in the `_cassette` member of a HAR log: never secret values, only where
/// and how the cassette was made and what was redacted where.
public struct CassetteMetadata: Sendable, Hashable {
    /// The cassette format version this toolkit writes. Readers refuse newer versions.
    public static let currentFormatVersion = 1

    /// Format version of the document.
    public var formatVersion: Int
    /// The recorder that wrote it (`cassette 0.1.0`).
    public var recorder: String
    /// Provider profile name (`zitadel`), when recorded through a profile.
    public var provider: String?
    /// Where the recording came from: `live`, `emulator`, `test`, `import` or `synth`.
    public var source: String
    /// Base URL the recording was made against (never with credentials in it).
    public var baseURL: String?
    /// RFC 3339 time of the recording.
    public var recordedAt: String?
    /// What was redacted, by location, never by value.
    public var redaction: RedactionReport

    /// Creates metadata; `formatVersion` and `recorder` default to this toolkit's.
    public init(
        formatVersion: Int = CassetteMetadata.currentFormatVersion,
        recorder: String = "cassette \(CassetteKitVersion.current)", provider: String? = nil,
        source: String, baseURL: String? = nil, recordedAt: String? = nil,
        redaction: RedactionReport = RedactionReport()
    ) {
        self.formatVersion = formatVersion
        self.recorder = recorder
        self.provider = provider
        self.source = source
        self.baseURL = baseURL
        self.recordedAt = recordedAt
        self.redaction = redaction
    }
}

/// Where values were redacted. Locations only: header names, query parameter names, cookie
/// names and JSON pointers, per interaction; the values themselves are never kept.
public struct RedactionReport: Sendable, Hashable {
    /// One redacted place.
    public struct Item: Sendable, Hashable, Comparable {
        /// Index of the interaction in the log.
        public var entry: Int
        /// `request` or `response`.
        public var side: String
        /// `header`, `cookie`, `query`, `body`, `url`.
        public var kind: String
        /// Header/cookie/parameter name, or JSON pointer for bodies.
        public var location: String
        /// The rule that asked for it (`key:access_token`, `value:jwt`, `credential`, ...).
        public var rule: String

        /// Creates an item from its parts (never the value).
        public init(entry: Int, side: String, kind: String, location: String, rule: String) {
            self.entry = entry
            self.side = side
            self.kind = kind
            self.location = location
            self.rule = rule
        }

        /// Orders items by entry, side, kind, location and rule, so reports are stable.
        public static func < (a: Item, b: Item) -> Bool {
            (a.entry, a.side, a.kind, a.location, a.rule) < (b.entry, b.side, b.kind, b.location, b.rule)
        }
    }

    /// The redacted places, sorted.
    public var items: [Item]
    /// Fields replaced with fake personal data (when pseudonymization was asked for).
    public var pseudonymized: [Item]

    /// Creates a redaction report.
    public init(items: [Item] = [], pseudonymized: [Item] = []) {
        self.items = items.sorted()
        self.pseudonymized = pseudonymized.sorted()
    }
}
