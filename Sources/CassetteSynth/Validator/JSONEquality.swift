import CassetteKit

/// Equality as JSON Schema defines it for `const`, `enum` and `uniqueItems`: numbers by value,
/// objects regardless of member order, and strings by code points (Swift's `==` on `String`
/// treats canonically equivalent strings as equal, so `"é"` and `"e\u{301}"` would match).
enum JSONEquality {
    /// Whether two strings have the same UTF-8 bytes (lengths first, then one contiguous compare).
    static func sameCodeUnits(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        if let answer = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in sameBytes(x, y) }
        }), let answer {
            return answer
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Whether two buffers of the same length hold the same bytes, compared eight at a time.
    private static func sameBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard let xBase = x.baseAddress, let yBase = y.baseAddress else { return true }
        let xRaw = UnsafeRawPointer(xBase)
        let yRaw = UnsafeRawPointer(yBase)
        var offset = 0
        while offset + 8 <= x.count {
            if xRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != yRaw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < x.count {
            if x[offset] != y[offset] { return false }
            offset += 1
        }
        return true
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return sameCodeUnits(x, y)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.members.allSatisfy { member in
                guard let other = y.members.first(where: { sameCodeUnits($0.key, member.key) }) else { return false }
                return equal(member.value, other.value)
            }
        default:
            return a.isSemanticallyEqual(to: b)
        }
    }
}
