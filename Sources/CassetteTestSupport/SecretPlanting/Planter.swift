public import Foundation

/// Hands out secrets while a planted document is built, and remembers what must not survive.
///
/// In clean mode every secret is a `REDACTED_<n>` placeholder instead, so the very same document
/// shapes serve as negative cases: a clean document must be neither refused nor flagged.
public struct Planter: Sendable {
    /// The random source (seeded per case).
    public var random: PlantRandom
    /// True when secrets are replaced by placeholders.
    public let clean: Bool
    /// The random cores planted so far.
    public private(set) var needles: [String] = []
    /// The formats planted so far.
    public private(set) var formats: [SecretFormat] = []
    private var placeholderCount = 0

    public init(seed: UInt64, clean: Bool = false) {
        random = PlantRandom(seed: seed)
        self.clean = clean
    }

    /// A fresh secret of `format` (or a placeholder in clean mode), recorded as planted.
    public mutating func secret(_ format: SecretFormat) -> String {
        let generated = format.generate(using: &random)
        formats.append(format)
        if clean {
            placeholderCount += 1
            return "REDACTED_\(placeholderCount)"
        }
        needles += generated.needles
        return generated.value
    }
}

/// One planted HAR document: the raw bytes as a foreign tool would export them and what was planted.
public struct PlantedDocument: Sendable {
    /// HAR 1.2 JSON text, uncompressed.
    public var har: Data
    /// The random cores that must not survive in any form.
    public var needles: [String]
    /// The formats planted.
    public var formats: [SecretFormat]

    public init(har: Data, needles: [String], formats: [SecretFormat]) {
        self.har = har
        self.needles = needles
        self.formats = formats
    }
}
