/// Values for the `format`s the validator asserts (and a few more), valid by construction.
enum FormatGenerator {
    /// A value of `format`, or `nil` for a format this generator does not know.
    static func value(_ format: String, name: String?, generator: inout SeededGenerator) -> String? {
        switch format {
        case "date-time": return dateTime(&generator)
        case "date": return date(&generator)
        case "time": return time(&generator) + "Z"
        case "email", "idn-email": return FakeData.person(&generator).email
        case "uri", "iri":
            return "https://example.com/\(FakeData.words[generator.below(FakeData.words.count)])/\(generator.between(1, 9999))"
        case "uri-reference", "iri-reference":
            return "/\(FakeData.words[generator.below(FakeData.words.count)])/\(generator.between(1, 99))"
        case "uuid": return uuid(&generator)
        case "ipv4": return "192.0.2.\(generator.between(1, 254))"
        case "ipv6": return "2001:db8::\(String(generator.between(1, 0xFFFF), radix: 16))"
        case "hostname", "idn-hostname": return "\(FakeData.words[generator.below(FakeData.words.count)]).example.com"
        case "json-pointer": return "/\(FakeData.words[generator.below(FakeData.words.count)])/0"
        case "regex": return "^[a-z]+$"
        case "duration": return "P\(generator.between(1, 30))D"
        default: return nil
        }
    }

    /// The same instant written the ways services write it: UTC with `Z`, and 0 to 9 fractional
    /// digits (a schema's pattern then picks the ones its service uses).
    static func wireForms(_ format: String, generator: inout SeededGenerator) -> [String] {
        guard format == "date-time" else { return [] }
        let base = date(&generator) + "T" + time(&generator)
        var digits = ""
        for _ in 0..<9 { digits += String(generator.below(10)) }
        return [base + "Z"] + (1...9).map { base + "." + digits.prefix($0) + "Z" }
    }

    static func dateTime(_ generator: inout SeededGenerator) -> String {
        var text = date(&generator) + "T" + time(&generator)
        if generator.chance(1, in: 4) { text += ".\(pad(generator.between(0, 999), 3))" }
        if generator.chance(1, in: 5) {
            text +=
                (generator.chance(1, in: 2) ? "+" : "-") + "\(pad(generator.between(0, 12), 2)):\(generator.chance(1, in: 2) ? "00" : "30")"
        } else {
            text += "Z"
        }
        return text
    }

    static func date(_ generator: inout SeededGenerator) -> String {
        "\(generator.between(2019, 2026))-\(pad(generator.between(1, 12), 2))-\(pad(generator.between(1, 28), 2))"
    }

    static func time(_ generator: inout SeededGenerator) -> String {
        "\(pad(generator.between(0, 23), 2)):\(pad(generator.between(0, 59), 2)):\(pad(generator.between(0, 59), 2))"
    }

    /// A version 4 UUID in lowercase.
    static func uuid(_ generator: inout SeededGenerator) -> String {
        var digits = Array(FakeData.hex(&generator, count: 32))
        digits[12] = "4"
        digits[16] = Array("89ab")[generator.below(4)]
        let text = String(digits)
        let parts = [
            text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4), text.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
