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
        var base = ASCIIText(capacity: 32)
        base.date(&generator)
        base.append(UInt8(ascii: "T"))
        base.time(&generator)
        var digits: [UInt8] = []
        for _ in 0..<9 { digits.append(UInt8(ascii: "0") + UInt8(generator.below(10))) }
        var forms: [String] = []
        forms.reserveCapacity(10)
        var form = base
        form.append(UInt8(ascii: "Z"))
        forms.append(form.string)
        for count in 1...9 {
            form = base
            form.append(UInt8(ascii: "."))
            form.bytes += digits[..<count]
            form.append(UInt8(ascii: "Z"))
            forms.append(form.string)
        }
        return forms
    }

    static func dateTime(_ generator: inout SeededGenerator) -> String {
        var text = ASCIIText(capacity: 32)
        text.date(&generator)
        text.append(UInt8(ascii: "T"))
        text.time(&generator)
        if generator.chance(1, in: 4) {
            text.append(UInt8(ascii: "."))
            text.number(generator.between(0, 999), width: 3)
        }
        if generator.chance(1, in: 5) {
            text.append(generator.chance(1, in: 2) ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            text.number(generator.between(0, 12), width: 2)
            text.append(UInt8(ascii: ":"))
            text.number(generator.chance(1, in: 2) ? 0 : 30, width: 2)
        } else {
            text.append(UInt8(ascii: "Z"))
        }
        return text.string
    }

    static func date(_ generator: inout SeededGenerator) -> String {
        var text = ASCIIText(capacity: 10)
        text.date(&generator)
        return text.string
    }

    static func time(_ generator: inout SeededGenerator) -> String {
        var text = ASCIIText(capacity: 8)
        text.time(&generator)
        return text.string
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

/// ASCII text built as bytes: dates and times without a string per field.
private struct ASCIIText {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `value` in decimal, zero-padded to `width` (``FormatGenerator/pad(_:_:)``).
    mutating func number(_ value: Int, width: Int) {
        guard value >= 0 else {
            bytes += Array(FormatGenerator.pad(value, width).utf8)
            return
        }
        var divisor = 1
        var count = 1
        while divisor <= value / 10 {
            divisor *= 10
            count += 1
        }
        for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `yyyy-mm-dd`, drawn in the order year, month, day.
    mutating func date(_ generator: inout SeededGenerator) {
        number(generator.between(2019, 2026), width: 0)
        append(UInt8(ascii: "-"))
        number(generator.between(1, 12), width: 2)
        append(UInt8(ascii: "-"))
        number(generator.between(1, 28), width: 2)
    }

    /// `hh:mm:ss`, drawn in the order hour, minute, second.
    mutating func time(_ generator: inout SeededGenerator) {
        number(generator.between(0, 23), width: 2)
        append(UInt8(ascii: ":"))
        number(generator.between(0, 59), width: 2)
        append(UInt8(ascii: ":"))
        number(generator.between(0, 59), width: 2)
    }
}
