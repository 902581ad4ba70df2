/// Reading a file would cost more than its ``ReadBudget`` allows: a gzip bomb, a body nested
/// past the depth limit, or input that would take too long to scan. Names the file, the limit
/// and the next step; never a value from the file.
public struct ReadBudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which allowance ran out.
    public enum Limit: String, Sendable, Equatable {
        /// Total decompressed bytes of the file.
        case decompressedBytes
        /// Total scanning work on the file.
        case work
        /// JSON nesting, counted across JSON-in-string layers.
        case depth
    }

    /// The file (or `request body`) the budget was for.
    public let subject: String
    /// The allowance that ran out.
    public let limit: Limit
    /// Its value (bytes, work units or levels).
    public let value: Int

    /// Creates the refusal.
    public init(subject: String, limit: Limit, value: Int) {
        self.subject = subject
        self.limit = limit
        self.value = value
    }

    public var description: String {
        switch limit {
        case .decompressedBytes:
            return "\(subject): decompressing the file and its bodies would produce more than \(Self.size(value)) "
                + "(the per-file budget; a gzip bomb or an oversized capture); refused. "
                + "Split the capture into smaller files, or store its bodies decoded, if you trust it."
        case .work:
            return "\(subject): scanning the file would take more than its work budget of \(value) units "
                + "(deeply layered or hostile content); refused. Split the file, or remove the layered bodies, if you trust it."
        case .depth:
            return "\(subject): JSON nested deeper than \(value) levels, counting JSON inside JSON strings; refused. "
                + "Flatten the body, or store it as base64 binary, if you trust it."
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MiB" : "\(bytes) bytes"
    }
}
