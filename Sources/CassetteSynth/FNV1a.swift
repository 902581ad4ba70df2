/// FNV-1a, 64-bit: a small, fast, seedless byte hash. Used where the same bytes must always give
/// the same number (seed derivation) or where the standard library's seeded SipHash costs too
/// much per lookup (property tables, merge keys). Not for anything an attacker chooses.
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Adds one byte.
    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Adds a string's UTF-8 bytes (read from contiguous storage).
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte) }
        }
    }

    /// The hash of a string's UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(text)
        return hasher.value
    }
}
