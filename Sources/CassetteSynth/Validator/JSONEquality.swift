import CassetteKit

/// Equality as JSON Schema defines it for `const`, `enum` and `uniqueItems`: numbers by value,
/// objects regardless of member order, and strings by code points (Swift's `==` on `String`
/// treats canonically equivalent strings as equal, so `"é"` and `"e\u{301}"` would match).
enum JSONEquality {
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.members.allSatisfy { member in
                guard let other = y.members.first(where: { $0.key.utf8.elementsEqual(member.key.utf8) }) else { return false }
                return equal(member.value, other.value)
            }
        default:
            return a.isSemanticallyEqual(to: b)
        }
    }
}
