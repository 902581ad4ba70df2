import CassetteKit

/// The synthesizer's own pseudo-random generator: SplitMix64 (Steele, Lea and Flood, 2014).
///
/// The same seed gives the same numbers on every platform and Swift version (the standard
/// library's generators make no such promise). Not for secrets.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0), without modulo bias worth caring about here
    /// (Lemire's multiply-shift on 64 bits).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let product = next().multipliedFullWidth(by: UInt64(bound))
        return Int(product.high)
    }

    /// A value in `range` (inclusive).
    mutating func between(_ lower: Int, _ upper: Int) -> Int {
        guard upper > lower else { return lower }
        let span = UInt64(bitPattern: Int64(upper) &- Int64(lower))
        guard span < UInt64.max else { return Int(bitPattern: UInt(next())) }
        let product = next().multipliedFullWidth(by: span &+ 1)
        return lower &+ Int(bitPattern: UInt(product.high))
    }

    /// `true` with probability `numerator / denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T? {
        elements.isEmpty ? nil : elements[below(elements.count)]
    }
}

/// Derives independent seeds from a root seed and names (JSON pointers, variant numbers), so
/// that each place in a document draws from its own stream: adding a property to a schema does
/// not reshuffle its siblings.
enum SeedDerivation {
    /// FNV-1a over the UTF-8 bytes of `name`, mixed with `seed` through SplitMix64.
    static func derive(_ seed: UInt64, _ name: String) -> UInt64 {
        var generator = SeededGenerator(seed: seed ^ FNV1a.hash(name))
        return generator.next()
    }

    /// `derive(seed, pointer.description + "\u{0}" + purpose)`, hashing the same bytes without
    /// building the string (every generated value derives one).
    static func derive(_ seed: UInt64, pointer: JSONPointer, purpose: String) -> UInt64 {
        var hash = FNV1a()
        for token in pointer.tokens { addToken(token, to: &hash) }
        return finish(seed, hash, purpose: purpose)
    }

    /// `derive(seed, pointer: place.pointer, purpose: purpose)`, with the pointer's part of the
    /// hash carried by the place (hashed once per token as the walk goes down).
    static func derive(_ seed: UInt64, place: InstancePlace, purpose: String) -> UInt64 {
        finish(seed, place.hash, purpose: purpose)
    }

    private static func finish(_ seed: UInt64, _ pointerHash: FNV1a, purpose: String) -> UInt64 {
        var hash = pointerHash
        hash.add(0)
        hash.add(purpose)
        var generator = SeededGenerator(seed: seed ^ hash.value)
        return generator.next()
    }

    /// Hashes `/token` as the pointer's text writes it (`~0`, `~1` escapes).
    static func addToken(_ token: String, to hash: inout FNV1a) {
        hash.add(UInt8(ascii: "/"))
        var token = token
        token.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "~"):
                    hash.add(UInt8(ascii: "~"))
                    hash.add(UInt8(ascii: "0"))
                case UInt8(ascii: "/"):
                    hash.add(UInt8(ascii: "~"))
                    hash.add(UInt8(ascii: "1"))
                default: hash.add(byte)
                }
            }
        }
    }

    /// The seed of the `index`-th variant of a run seeded with `seed`.
    static func variant(_ seed: UInt64, _ index: Int, attempt: Int) -> UInt64 {
        derive(seed, "variant:\(index):\(attempt)")
    }
}

/// A place in the instance being generated: its pointer, and the seed hash of that pointer so far
/// (each place derives its generators from it; see ``SeedDerivation/derive(_:place:purpose:)``).
struct InstancePlace: CustomStringConvertible {
    let pointer: JSONPointer
    let hash: FNV1a

    /// The document itself.
    static let root = InstancePlace(pointer: .root, hash: FNV1a())

    private init(pointer: JSONPointer, hash: FNV1a) {
        self.pointer = pointer
        self.hash = hash
    }

    /// The place of member `token`.
    func appending(_ token: String) -> InstancePlace {
        var hash = hash
        SeedDerivation.addToken(token, to: &hash)
        return InstancePlace(pointer: pointer.appending(token), hash: hash)
    }

    /// The place of element `index`.
    func appending(_ index: Int) -> InstancePlace {
        appending(String(index))
    }

    var description: String { pointer.description }
}
