import Foundation

/// A small deterministic generator (SplitMix64) for the emulator's bodies: the same seed and
/// provider always give the same account, so recordings from the emulator are reproducible.
struct SeededValues {
    private var state: UInt64

    /// A generator for `provider`, derived from the root seed so providers do not share values.
    init(seed: UInt64, provider: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in provider.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        state = seed ^ hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    mutating func string(_ count: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[int(0...(characters.count - 1))] })
    }

    mutating func hex(_ count: Int) -> String { string(count, alphabet: "0123456789abcdef") }
    mutating func digits(_ count: Int) -> String { String(int(1...9)) + string(count - 1, alphabet: "0123456789") }
    mutating func base32(_ count: Int) -> String { string(count, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") }
    mutating func alphanumeric(_ count: Int) -> String {
        string(count, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    }
    mutating func base64url(_ count: Int) -> String {
        string(count, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    }

    /// A UUID-shaped string (version 4 layout).
    mutating func uuid() -> String {
        "\(hex(8))-\(hex(4))-4\(hex(3))-\(pick(["8", "9", "a", "b"]))\(hex(3))-\(hex(12))"
    }

    /// A person: first name, last name.
    mutating func person() -> (first: String, last: String) {
        (
            pick(["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "Tim", "Radia"]),
            pick(["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen", "Berners-Lee", "Perlman"])
        )
    }

    /// An RFC 3339 time in 2024–2025 with the given fractional digits.
    mutating func timestamp(fraction: Int = 3) -> String {
        let month = int(1...12)
        let day = int(1...28)
        let base = "202\(int(4...5))-\(pad(month))-\(pad(day))T\(pad(int(0...23))):\(pad(int(0...59))):\(pad(int(0...59)))"
        return fraction == 0 ? base + "Z" : base + "." + string(fraction, alphabet: "0123456789") + "Z"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

/// base64url without padding, as JWT segments use.
enum Base64URL {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
