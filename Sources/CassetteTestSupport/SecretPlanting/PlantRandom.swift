import Foundation

/// A small seedable random number generator (SplitMix64) for planted-secret tests: fresh values
/// every run, yet any run can be reproduced from its seed (`PLANT_SEED=<seed> swift test ...`).
///
/// Only the seed is ever printed, never a generated value.
public struct PlantRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that produces the same sequence for the same seed.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of this run: `PLANT_SEED` from the environment (decimal or `0x` hex) when set, a
    /// fresh random seed otherwise.
    public static func runSeed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["PLANT_SEED"] {
            if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return value }
            if let value = UInt64(text) { return value }
        }
        return UInt64.random(in: .min ... .max)
    }

    /// A seed derived from a run seed and a name (FNV-1a), so each case has its own sequence and
    /// one case can be replayed alone.
    public static func derive(_ seed: UInt64, _ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A string of `count` characters drawn from `alphabet`.
    public mutating func string(from alphabet: String, count: Int) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[Int.random(in: 0..<characters.count, using: &self)] })
    }

    /// Letters and digits.
    public mutating func alphanumeric(_ count: Int) -> String {
        string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", count: count)
    }

    /// base64url without padding.
    public mutating func base64url(_ count: Int) -> String {
        string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", count: count)
    }

    /// Lowercase hex.
    public mutating func hex(_ count: Int) -> String { string(from: "0123456789abcdef", count: count) }

    /// Decimal digits, the first one not zero.
    public mutating func digits(_ count: Int) -> String {
        string(from: "123456789", count: 1) + string(from: "0123456789", count: max(0, count - 1))
    }

    /// Base32 (RFC 4648 alphabet), like a TOTP seed.
    public mutating func base32(_ count: Int) -> String { string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count: count) }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }
}
