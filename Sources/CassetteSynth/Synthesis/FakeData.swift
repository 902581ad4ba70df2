import CassetteKit

/// Plausible, obviously fake values for personal and secret fields.
///
/// Personal data is invented (names from a fixed list, addresses at `example.com`, phone numbers
/// in the fictional `555-01xx` range, IP addresses in the documentation ranges of RFC 5737 and
/// RFC 3849). Secrets are never realistic: they are `Placeholder` values (`REDACTED_<n>`, or a
/// shaped placeholder such as `RDCT-0003` where the schema asks for a wire format).
enum FakeData {
    static let firstNames = ["Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances", "Linus", "Margaret"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth", "Allen", "Torvalds", "Hamilton"]
    static let nonASCIIFirstNames = ["Zoë", "Łukasz", "José", "Søren", "Ünal", "美咲"]
    static let nonASCIILastNames = ["Müller", "Łukasiewicz", "Núñez", "Østergaard", "Çelik", "山田"]
    static let loginDomains = ["example.com", "acme.example.com", "example.org", "id.example.net"]
    static let words = ["alpha", "bravo", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "indigo", "juniper"]

    struct Person {
        let first: String
        let last: String
        let number: Int

        var name: String { "\(first) \(last)" }
        var handle: String { "\(first.lowercased()).\(last.lowercased())" }
        var email: String { "\(handle)\(number)@example.com" }
    }

    /// An invented person (ASCII names, so emails and handles stay valid).
    static func person(_ generator: inout SeededGenerator) -> Person {
        Person(
            first: firstNames[generator.below(firstNames.count)], last: lastNames[generator.below(lastNames.count)],
            number: generator.below(100))
    }

    /// A value for a field marked `x-pii: <kind>`; `name` helps for free-text kinds. `someone` is
    /// the variant's one person, so its names, handle and addresses agree.
    static func personal(kind: String, name: String?, nonASCII: Bool, someone: Person, generator: inout SeededGenerator) -> String {
        let first = nonASCII ? nonASCIIFirstNames[generator.below(nonASCIIFirstNames.count)] : someone.first
        let last = nonASCII ? nonASCIILastNames[generator.below(nonASCIILastNames.count)] : someone.last
        switch kind {
        case "first-name": return first
        case "last-name": return last
        case "name": return "\(first) \(last)"
        case "email": return someone.email
        case "username": return someone.handle
        case "login-name":
            // userName@<domain>, one per verified organization domain (reserved example domains).
            return "\(someone.handle)@\(loginDomains[generator.below(loginDomains.count)])"
        case "phone": return "+1555010\(generator.below(10))\(generator.below(10))"
        case "url": return "https://example.com/avatars/\(hex(&generator, count: 16)).png"
        default: return text(for: name, nonASCII: nonASCII, generator: &generator)
        }
    }

    /// Free text for a personal field, shaped by its property name when it says what it is.
    static func text(for name: String?, nonASCII: Bool, generator: inout SeededGenerator) -> String {
        let lowered = name?.lowercased() ?? ""
        if lowered.contains("ip") && lowered.contains("address") || lowered == "ip" {
            return "192.0.2.\(generator.between(1, 254))"
        }
        if lowered.contains("city") { return nonASCII ? "Zürich Example" : "Example City" }
        if lowered.contains("region") { return "Example Region" }
        if lowered.contains("country") { return "Exampleland" }
        if lowered.contains("role") { return "Example role" }
        return nonASCII ? "Exämple tëxt ✓" : "Example \(words[generator.below(words.count)])"
    }

    /// A placeholder value for a field marked `x-secret` (`true`: the whole value; `"url"`: only
    /// the secret part of a URL).
    static func secret(marker: JSONValue, name: String?, number: Int) -> String {
        let placeholder = Placeholder.make(number)
        guard marker == .string("url") else { return placeholder }
        if let name, name.lowercased().contains("otp") {
            let seed = Placeholder.make(number, shape: .base32)
            return "otpauth://totp/Example:ada.lovelace%40example.com?algorithm=SHA1&digits=6&issuer=Example&period=30&secret=\(seed)"
        }
        return "https://example.com/new-user?token=\(placeholder)"
    }

    /// The placeholder shapes tried, in order, for a secret whose pattern the plain
    /// `REDACTED_<n>` does not meet.
    static let secretShapes: [Placeholder.Shape] = [
        .backupCode, .base32, .hex(prefix: "default:development.", length: 56), .hex(prefix: "user:", length: 56), .jwt,
        .token(prefix: "sk_", length: 16),
    ]

    /// The first shaped placeholder for secret number `number` that `fits`, made one shape at a
    /// time (each placeholder costs string work; most fields take the first or second shape).
    static func firstShapedSecret(number: Int, where fits: (String) -> Bool) -> String? {
        for shape in secretShapes {
            let text = Placeholder.make(number, shape: shape)
            if fits(text) { return text }
        }
        return nil
    }

    /// Lowercase hexadecimal digits.
    static func hex(_ generator: inout SeededGenerator, count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[generator.below(16)] })
    }
}
