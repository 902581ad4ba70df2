import CassetteKit
import Foundation

extension ValueGenerator {
    /// Text prepended for the non-ASCII edge case of free strings.
    static let nonASCIIText = "Ünïcødé ✓ 名前 😀"
    /// The length of the `long` edge case when `maxLength` does not bound it.
    static let longLength = 300

    mutating func string(_ merged: MergedSchema, node: GeneratorPlan.Node?, at instance: InstancePlace, name: String?)
        throws(SynthesisError)
        -> JSONValue
    {
        if let maximum = merged.maxLength, maximum < merged.minLength {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance.pointer,
                reason: "minLength (\(merged.minLength)) is above maxLength (\(maximum)); no string fits. Fix the schema")
        }
        let strings = node?.strings ?? StringPlan(merged, matcher: { compiledPattern($0) }, generator: { compiledPatternGenerator($0) })
        var generator = random(instance, "string")
        var shape: Choice?
        if merged.isFreeString {
            var options: [Choice] = [.nonASCII, .long]
            if merged.minLength > 0 { options.append(.lowest) }
            if merged.maxLength != nil { options.append(.highest) }
            let fallback: Choice = strategy == .random && generator.chance(1, in: 10) ? .nonASCII : .present
            let chosen = choose(options, fallback: fallback, key: merged.location.description, at: instance)
            if chosen != .present { shape = chosen }
        }
        let formatCheck = strings.format
        var text: String
        if let marker = merged.secret {
            secretCount += 1
            text = FakeData.secret(marker: marker, name: name, number: secretCount)
            if !fits(text, merged, strings) || !(formatCheck?.check(text) ?? true) {
                // A placeholder that keeps the wire format the schema asks for (`RDCT-0003`, a
                // base32 or Unleash-token placeholder) before any value of the bare pattern.
                let shaped = FakeData.firstShapedSecret(number: secretCount) {
                    fits($0, merged, strings) && (formatCheck?.check($0) ?? true)
                }
                text = shaped ?? plainPatternValue(strings) ?? text
            }
        } else if let kind = merged.pii,
            case let value = FakeData.personal(kind: kind, name: name, nonASCII: shape == .nonASCII, someone: person, generator: &generator),
            formatCheck?.check(value) ?? true, strings.matches(value)
        {
            text = value
            if shape == .nonASCII { shape = nil }
        } else if let format = merged.format, let value = FormatGenerator.value(format, name: name, generator: &generator) {
            text = value
            if !strings.matches(value) {
                // The pattern says how the service writes the format (protojson's Z and 0/3/6/9
                // digits, Date.toJSON's milliseconds): the same kind of value, in a form it allows.
                let forms = FormatGenerator.wireForms(format, generator: &generator).filter { strings.matches($0) }
                text = generator.pick(forms) ?? patternValue(merged, strings, generator: &generator) ?? value
            }
        } else if !merged.patterns.isEmpty {
            text = patternValue(merged, strings, generator: &generator) ?? ""
        } else if let example = exampleShaped(strings, generator: &generator) {
            text = example
        } else {
            text = Self.plausibleText(name: name, generator: &generator)
        }
        if merged.isFreeString { text = Self.shaped(text, shape, merged) }
        return .string(text)
    }

    /// A string matching every pattern and the length bounds (a few tries), shaped like an
    /// example when one fits.
    private func patternValue(_ merged: MergedSchema, _ strings: StringPlan, generator: inout SeededGenerator) -> String? {
        if let example = exampleShaped(strings, generator: &generator), fits(example, merged, strings) { return example }
        guard let pattern = strings.generator else { return nil }
        var candidate = ""
        for _ in 0..<16 {
            candidate = pattern.generate(using: &generator)
            if fits(candidate, merged, strings) { return candidate }
        }
        return candidate
    }

    /// The plainest value of the first pattern (for secrets that have one).
    private func plainPatternValue(_ strings: StringPlan) -> String? {
        guard let pattern = strings.generator else { return nil }
        var unused = SeededGenerator(seed: 0)
        return pattern.generate(using: &unused, plain: true)
    }

    /// Whether `text` meets the patterns and length bounds.
    func fits(_ text: String, _ merged: MergedSchema, _ strings: StringPlan) -> Bool {
        let length = text.unicodeScalars.count
        return length >= merged.minLength && length <= (merged.maxLength ?? Int.max) && strings.matches(text)
    }

    /// A value shaped like one of the schema's string examples (ids keep their shape, digits and
    /// letters vary; words and sentences are used as they are), when it meets the patterns.
    private func exampleShaped(_ strings: StringPlan, generator: inout SeededGenerator) -> String? {
        guard let example = generator.pick(strings.examples) else { return nil }
        let varied = Self.vary(example, generator: &generator)
        return strings.matches(varied) ? varied : nil
    }

    /// Keeps the shape of an id-like example (`642f1c...`, `AUTH-7fs1e`, `7205...`): the part after
    /// the last `-`/`_` has its digits and letters redrawn from the same class. Examples without
    /// digits, or with spaces, dots, slashes or colons, are returned unchanged.
    static func vary(_ example: String, generator: inout SeededGenerator) -> String {
        if example.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every example in practice): the same tests on bytes, without grapheme breaking.
            guard example.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                !example.utf8.contains(where: {
                    $0 == 0x20 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":")
                })
            else { return example }
            return varyASCII(Array(example.utf8), generator: &generator)
        } else {
            guard example.contains(where: \.isNumber), !example.contains(where: { " ./:".contains($0) }) else { return example }
        }
        let scalars = Array(example.unicodeScalars)
        let start = (scalars.lastIndex { $0 == "-" || $0 == "_" }).map { $0 + 1 } ?? 0
        let body = scalars[start...]
        let isHex = body.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        var result = String.UnicodeScalarView(scalars[..<start])
        for (offset, scalar) in body.enumerated() {
            let characters: [Unicode.Scalar]
            if ("0"..."9").contains(scalar) {
                characters = offset == 0 && body.count > 1 && !isHex ? VaryPools.nonZeroDigits : VaryPools.digits
            } else if isHex {
                characters = VaryPools.hex
            } else if ("a"..."z").contains(scalar) {
                characters = VaryPools.lower
            } else if ("A"..."Z").contains(scalar) {
                characters = VaryPools.upper
            } else {
                result.append(scalar)
                continue
            }
            result.append(characters[generator.below(characters.count)])
        }
        return String(result)
    }

    /// ``vary(_:generator:)`` on ASCII bytes: the same draws, the same result, without
    /// Unicode scalars.
    private static func varyASCII(_ bytes: [UInt8], generator: inout SeededGenerator) -> String {
        let start = (bytes.lastIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }).map { $0 + 1 } ?? 0
        let body = bytes[start...]
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isHex = body.allSatisfy { isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
        var result = Array(bytes[..<start])
        result.reserveCapacity(bytes.count)
        for (offset, byte) in body.enumerated() {
            let characters: [UInt8]
            if isDigit(byte) {
                characters = offset == 0 && body.count > 1 && !isHex ? VaryPools.nonZeroDigitBytes : VaryPools.digitBytes
            } else if isHex {
                characters = VaryPools.hexBytes
            } else if isLower(byte) {
                characters = VaryPools.lowerBytes
            } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                characters = VaryPools.upperBytes
            } else {
                result.append(byte)
                continue
            }
            result.append(characters[generator.below(characters.count)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Text for a string with nothing but a name to go by.
    static func plausibleText(name: String?, generator: inout SeededGenerator) -> String {
        let lowered = name?.lowercased() ?? ""
        let word = FakeData.words[generator.below(FakeData.words.count)]
        if lowered.hasSuffix("url") || lowered.contains("link") { return "https://example.com/\(word)/\(generator.between(1, 999))" }
        if lowered.contains("message") { return "Example message: \(word)" }
        if lowered.contains("description") { return "An example description (\(word))" }
        if lowered.contains("name") { return "Example \(word.capitalized)" }
        if lowered.contains("browser") { return ["Firefox", "Chrome", "Safari"][generator.below(3)] }
        if lowered.contains("device") { return ["Desktop", "Mobile"][generator.below(2)] }
        return "\(word)-\(generator.between(1, 999))"
    }

    /// Applies a shape edge case and the length bounds to a free string.
    static func shaped(_ text: String, _ shape: Choice?, _ merged: MergedSchema) -> String {
        if shape == nil, merged.minLength == 0, merged.maxLength.map({ text.unicodeScalars.count <= $0 }) ?? true {
            return text  // nothing to apply: the same text (most free strings)
        }
        var scalars = Array(text.unicodeScalars)
        let maximum = merged.maxLength ?? Int.max
        switch shape {
        case .nonASCII: scalars = Array((nonASCIIText + " " + text).unicodeScalars)
        case .long: scalars = repeated(scalars, to: max(merged.minLength, min(maximum, longLength)))
        case .lowest: scalars = repeated(scalars, to: merged.minLength)
        case .highest: scalars = repeated(scalars, to: min(maximum, 4096))
        default: break
        }
        if scalars.count < merged.minLength { scalars = repeated(scalars, to: merged.minLength) }
        if scalars.count > maximum { scalars = Array(scalars.prefix(maximum)) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `scalars` repeated (separated by spaces) and cut to exactly `length` code points.
    private static func repeated(_ scalars: [Unicode.Scalar], to length: Int) -> [Unicode.Scalar] {
        guard length > 0 else { return [] }
        let unit = scalars.isEmpty ? Array("x".unicodeScalars) : scalars
        var result: [Unicode.Scalar] = []
        while result.count < length {
            if !result.isEmpty { result.append(" ") }
            result += unit
        }
        return Array(result.prefix(length))
    }

    mutating func number(_ merged: MergedSchema, integer: Bool, at instance: InstancePlace, name: String?) throws(SynthesisError)
        -> JSONValue
    {
        var low = merged.minimum
        var high = merged.maximum
        if let bound = merged.exclusiveMinimum {
            let next = integer ? bound.rounded(.down) + 1 : bound + Swift.max(abs(bound) * 1e-9, 0.01)
            low = Swift.max(low ?? next, next)
        }
        if let bound = merged.exclusiveMaximum {
            let previous = integer ? bound.rounded(.up) - 1 : bound - Swift.max(abs(bound) * 1e-9, 0.01)
            high = Swift.min(high ?? previous, previous)
        }
        if integer {
            low = low.map { $0.rounded(.up) }
            high = high.map { $0.rounded(.down) }
        }
        if let low, let high, low > high {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance.pointer,
                reason: "the lower bound (\(low)) is above the upper bound (\(high)); no number fits. Fix the schema")
        }
        var generator = random(instance, "number")
        var options: [Choice] = []
        if low != nil { options.append(.lowest) }
        if high != nil { options.append(.highest) }
        let shape = options.isEmpty ? Choice.present : choose(options, fallback: .present, key: merged.location.description, at: instance)
        let lower = low ?? (high.map { $0 - 1000 } ?? 0)
        let upper = high ?? (lower + 1000)
        let lowered = name?.lowercased() ?? ""
        if integer, high == nil, lower >= 0, shape == .present, merged.multipleOf == nil,
            lowered.hasSuffix("_id") || lowered.hasSuffix("id") && lowered.count > 2
        {
            // Snowflake-style ids: 19 digits, beyond 2^53 (the precision of a double).
            var digits = "7"
            for _ in 0..<18 { digits += String(generator.below(10)) }
            return .number(JSONNumber(literal: digits))
        }
        var value: Double
        switch shape {
        case .lowest: value = lower
        case .highest: value = upper
        default:
            let examples = merged.examples.compactMap { $0.numberValue?.doubleValue }.filter {
                $0 >= lower && $0 <= upper && (!integer || $0 == $0.rounded())
            }
            if let example = generator.pick(examples), generator.chance(1, in: 2) {
                value = example
            } else if integer {
                value = Double(generator.between(Self.clamp(lower), Self.clamp(upper)))
            } else {
                let fraction = Double(generator.below(10_001)) / 10_000
                value = ((lower + (upper - lower) * fraction) * 100).rounded() / 100
                value = Swift.min(Swift.max(value, lower), upper)
            }
        }
        if let step = merged.multipleOf {
            var multiple = (value / step).rounded(.up) * step
            if multiple > upper { multiple = (value / step).rounded(.down) * step }
            guard multiple >= lower, multiple <= upper else {
                throw SynthesisError(
                    schemaLocation: merged.location, instanceLocation: instance.pointer,
                    reason: "no multiple of \(step) lies between \(lower) and \(upper). Fix the schema")
            }
            value = multiple
        }
        if (integer || value == value.rounded()) && abs(value) < 9e15 {
            return .number(JSONNumber(Int(value)))
        }
        return .number(JSONNumber(value))
    }

    private static func clamp(_ value: Double) -> Int {
        Int(Swift.min(Swift.max(value, -4e18), 4e18))
    }
}

/// The character classes ``ValueGenerator/vary(_:generator:)`` redraws from.
private enum VaryPools {
    static let nonZeroDigits = Array("123456789".unicodeScalars)
    static let digits = Array("0123456789".unicodeScalars)
    static let hex = Array("0123456789abcdef".unicodeScalars)
    static let lower = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
    static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
    static let nonZeroDigitBytes = Array("123456789".utf8)
    static let digitBytes = Array("0123456789".utf8)
    static let hexBytes = Array("0123456789abcdef".utf8)
    static let lowerBytes = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    static let upperBytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
}
