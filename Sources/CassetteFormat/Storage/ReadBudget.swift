import Synchronization

/// What reading one file (a cassette, a foreign HAR, one recorded request) may cost, shared by
/// every decoder that works on that file, so hostile input ends early and alike everywhere.
///
/// One budget per file: the cassette's own gunzip, every body's gzip or deflate layer, and every
/// scanner that spends work on the file draw from the same allowance. Forty small bodies that
/// each inflate to 60 MiB therefore stop at the per-file total, not after 2.4 GB.
///
/// - Decompressed bytes: ``spendDecompressedBytes(_:)`` (`GzipCodec/decompress(_:container:budget:)`
///   calls it; inflating never produces more than what is left).
/// - Work: ``spendWork(_:)``, in units of about one byte examined by one pass of a scanner
///   (JSON-in-string layers re-read, audit rules, decoded layers). Callers charge what they read.
/// - Depth: ``Limits/maximumDepth`` bounds nesting across every layer of JSON inside JSON strings
///   (see ``JSONParser/parseEmbedded(_:at:budget:)``).
///
/// A budget is a reference: copies share the spending. It is `Sendable` (atomic counters).
public final class ReadBudget: Sendable {
    /// The allowances of one file.
    public struct Limits: Sendable, Equatable {
        /// Deepest JSON nesting, counted across JSON-in-string layers.
        public var maximumDepth: Int
        /// Total bytes all decompression of the file may produce.
        public var maximumDecompressedBytes: Int
        /// Total work units (about one byte examined by one scanner pass).
        public var maximumWork: Int

        /// Creates limits.
        public init(maximumDepth: Int, maximumDecompressedBytes: Int, maximumWork: Int) {
            self.maximumDepth = maximumDepth
            self.maximumDecompressedBytes = maximumDecompressedBytes
            self.maximumWork = maximumWork
        }

        /// The default: depth ``JSONParser/maximumDepth``, 128 MiB decompressed (a cassette's
        /// own 64 MiB cap plus as much again for its bodies, under a 200 MB process), and
        /// 2^31 work units (a few seconds of scanning at most).
        public static let standard = Limits(
            maximumDepth: JSONParser.maximumDepth,
            maximumDecompressedBytes: 128 * 1024 * 1024,
            maximumWork: 1 << 31)
    }

    /// The allowances.
    public let limits: Limits
    /// What the budget is for (a file path, or `request body`): named in every refusal.
    public let subject: String
    private let decompressed = Atomic<Int>(0)
    private let work = Atomic<Int>(0)

    /// A fresh budget for one file.
    public init(for subject: String, limits: Limits = .standard) {
        self.subject = subject
        self.limits = limits
    }

    /// Decompressed bytes produced so far.
    public var decompressedBytes: Int { decompressed.load(ordering: .relaxed) }
    /// Decompressed bytes still allowed (never negative).
    public var remainingDecompressedBytes: Int { max(0, limits.maximumDecompressedBytes - decompressedBytes) }
    /// Work units spent so far.
    public var workSpent: Int { work.load(ordering: .relaxed) }
    /// Work units still allowed (never negative).
    public var remainingWork: Int { max(0, limits.maximumWork - workSpent) }

    /// Records `count` decompressed bytes; throws when the file's total would pass the limit.
    public func spendDecompressedBytes(_ count: Int) throws(ReadBudgetExceeded) {
        let total = decompressed.add(max(0, count), ordering: .relaxed).newValue
        if total > limits.maximumDecompressedBytes { throw exceeded(.decompressedBytes) }
    }

    /// Records `units` of work; throws when the file's total would pass the limit.
    public func spendWork(_ units: Int) throws(ReadBudgetExceeded) {
        let total = work.add(max(0, units), ordering: .relaxed).newValue
        if total > limits.maximumWork { throw exceeded(.work) }
    }

    /// The refusal for one exhausted limit (for callers that detect it themselves).
    public func exceeded(_ limit: ReadBudgetExceeded.Limit) -> ReadBudgetExceeded {
        let value: Int
        switch limit {
        case .decompressedBytes: value = limits.maximumDecompressedBytes
        case .work: value = limits.maximumWork
        case .depth: value = limits.maximumDepth
        }
        return ReadBudgetExceeded(subject: subject, limit: limit, value: value)
    }
}
