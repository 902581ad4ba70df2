import CassetteKit

/// Equality as JSON Schema defines it for `const`, `enum` and `uniqueItems`: numbers by value,
/// objects regardless of member order, and strings by code points (Swift's `==` on `String`
/// treats canonically equivalent strings as equal, so `"é"` and `"e\u{301}"` would match).
enum JSONEquality {
    /// Whether two strings have the same UTF-8 bytes (lengths first, then one contiguous compare).
    static func sameCodeUnits(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
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
