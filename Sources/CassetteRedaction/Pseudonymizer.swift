import CassetteFormat
import CassetteProviders
import Foundation

/// Consistent, format-valid fake personal data: the same real value always gets the same fake
/// within a cassette (`user1@example.com`, `Alex Example`, `+12015550101`), and a value that is
/// already one of these fakes is kept, so pseudonymizing twice changes nothing.
struct Pseudonymizer: Sendable {
    private var assigned: [String: [String: String]] = [:]
    private var counters: [String: Int] = [:]

    private static let firstNames = ["Alex", "Sam", "Robin", "Kim", "Jo", "Max", "Charlie", "Riley", "Morgan", "Taylor"]
    private static let lastNames = ["Example", "Sample", "Placeholder", "Tester", "Demo", "Fixture", "Mock", "Stub", "Dummy", "Specimen"]

    /// The kind used for counters: names share one sequence so first and last names pair up.
    private static func family(_ kind: String) -> String {
        switch kind {
        case "first-name", "last-name", "name": return "name"
        default: return kind
        }
    }

    /// The fake for `value` of a personal-data kind (`email`, `first-name`, `last-name`, `name`,
    /// `username`, `phone`, `url`, `ip`, `text`). Empty values stay empty.
    mutating func fake(for value: String, kind: String) -> String {
        guard !value.isEmpty else { return value }
        let family = Self.family(kind)
        if let number = Self.fakeNumber(value, kind: kind) {
            counters[family] = max(counters[family] ?? 0, number)
            return value
        }
        if let existing = assigned[family]?[value] { return Self.make(kind, existing) }
        let number = (counters[family] ?? 0) + 1
        counters[family] = number
        assigned[family, default: [:]][value] = String(number)
        return Self.make(kind, String(number))
    }

    private static func make(_ kind: String, _ numberText: String) -> String {
        let number = Int(numberText) ?? 1
        let first = firstNames[(number - 1) % firstNames.count]
        let last = lastNames[(number - 1) % lastNames.count] + (number > lastNames.count ? String(number) : "")
        switch kind {
        case "email": return "user\(number)@example.com"
        case "first-name": return first
        case "last-name": return last
        case "name": return "\(first) \(last)"
        case "username": return "user\(number)"
        case "phone": return "+1201555" + String(format: "%04d", 100 + number % 9900)
        case "url": return "https://example.com/avatars/\(number).png"
        case "ip": return "192.0.2.\(number % 255)"
        default: return "example-\(number)"
        }
    }

    /// `Example`, or `Example12` (a list name followed only by digits).
    private static func isFakeLastName(_ value: String) -> Bool {
        lastNames.contains { name in
            value.hasPrefix(name) && value.dropFirst(name.count).allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    /// The sequence number of a value that is already a fake of this kind.
    private static func fakeNumber(_ value: String, kind: String) -> Int? {
        func number(after prefix: String, before suffix: String = "") -> Int? {
            guard value.hasPrefix(prefix), value.hasSuffix(suffix), value.count > prefix.count + suffix.count else { return nil }
            return Int(value.dropFirst(prefix.count).dropLast(suffix.count))
        }
        switch kind {
        case "email": return number(after: "user", before: "@example.com")
        case "username": return number(after: "user")
        case "url": return number(after: "https://example.com/avatars/", before: ".png")
        case "ip": return value.hasPrefix("192.0.2.") ? 0 : nil
        case "phone": return value.hasPrefix("+1201555") ? 0 : nil
        case "first-name": return firstNames.contains(value) ? 0 : nil
        case "last-name": return isFakeLastName(value) ? 0 : nil
        case "name":
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, firstNames.contains(parts[0]), isFakeLastName(parts[1]) else { return nil }
            return 0
        default: return number(after: "example-")
        }
    }
}
