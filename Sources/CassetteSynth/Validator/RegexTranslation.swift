/// A set of code points: ranges, possibly negated.
struct CharacterClass: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated: Bool

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var found = false
        for range in ranges where range.contains(value) {
            found = true
            break
        }
        return found != negated
    }

    static let digits: [ClosedRange<UInt32>] = [0x30...0x39]
    static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
}

/// Parses the one-atom patterns `PatternMatcher` matches without a regex engine:
/// a character class, `\d`, `\w` or a literal character, then an optional quantifier.
struct SimpleClassParser {
    private var scalars: [Unicode.Scalar]
    private var index = 0

    init(_ body: Substring) {
        scalars = Array(body.unicodeScalars)
    }

    var atEnd: Bool { index == scalars.count }

    mutating func parseAtom() -> CharacterClass? {
        guard index < scalars.count else { return nil }
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "[": return parseBracket()
        case "\\":
            guard index < scalars.count else { return nil }
            let escaped = scalars[index]
            index += 1
            switch escaped {
            case "d": return CharacterClass(ranges: CharacterClass.digits, negated: false)
            case "D": return CharacterClass(ranges: CharacterClass.digits, negated: true)
            case "w": return CharacterClass(ranges: CharacterClass.word, negated: false)
            case "W": return CharacterClass(ranges: CharacterClass.word, negated: true)
            default:
                guard "\\.^$*+?()[]{}|/-".unicodeScalars.contains(escaped) else { return nil }
                return CharacterClass(ranges: [escaped.value...escaped.value], negated: false)
            }
        default:
            guard !".^$*+?()[]{}|".unicodeScalars.contains(scalar) else { return nil }
            return CharacterClass(ranges: [scalar.value...scalar.value], negated: false)
        }
    }

    private mutating func parseBracket() -> CharacterClass? {
        var result = CharacterClass(ranges: [], negated: false)
        if index < scalars.count, scalars[index] == "^" {
            result.negated = true
            index += 1
        }
        var first = true
        while index < scalars.count {
            var scalar = scalars[index]
            index += 1
            if scalar == "]", !first { return result }
            first = false
            if scalar == "[" { return nil }
            if scalar == "\\" {
                guard index < scalars.count else { return nil }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "d":
                    result.ranges += CharacterClass.digits
                    continue
                case "w":
                    result.ranges += CharacterClass.word
                    continue
                default:
                    guard "\\.^$*+?()[]{}|/-".unicodeScalars.contains(escaped) else { return nil }
                    scalar = escaped
                }
            } else if scalar == "]" {
                return nil
            }
            // A range `a-z` (a trailing '-' is literal).
            if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] != "]" {
                let upper = scalars[index + 1]
                guard upper != "\\", upper != "[", upper.value >= scalar.value else { return nil }
                result.ranges.append(scalar.value...upper.value)
                index += 2
            } else {
                result.ranges.append(scalar.value...scalar.value)
            }
        }
        return nil
    }

    /// `(min, max)`; `nil` max means unbounded. No quantifier is exactly one.
    mutating func parseQuantifier() -> (Int, Int?)? {
        guard index < scalars.count else { return (1, 1) }
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "+": return (1, nil)
        case "*": return (0, nil)
        case "?": return (0, 1)
        case "{":
            var text = ""
            while index < scalars.count, scalars[index] != "}" {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count else { return nil }
            index += 1
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard let low = Int(parts[0]) else { return nil }
            if parts.count == 1 { return (low, low) }
            guard parts.count == 2 else { return nil }
            if parts[1].isEmpty { return (low, nil) }
            guard let high = Int(parts[1]), high >= low else { return nil }
            return (low, high)
        default:
            return nil
        }
    }
}

/// Rewrites an ECMA-262 pattern into ICU syntax where the two disagree: `\d`, `\w`, `\s` (and
/// negations) are ASCII / ECMA-whitespace only, `$` matches only at the very end, and
/// `\u{...}` is ICU's `\x{...}`.
enum ECMARegexTranslator {
    private static let whitespace =
        "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    static func translate(_ pattern: String) -> String {
        var output = ""
        var inClass = false
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\\" {
                guard let escaped = scalars.next() else {
                    output += "\\"
                    break
                }
                output += translateEscape(escaped, inClass: inClass, rest: &scalars)
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
                output.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "[":
                inClass = true
                output += "["
            // A leading ']' or '^]' is literal in ICU but ends an empty class in ECMA; leave as is.
            case "$":
                output += "(?!(?s:.))"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func translateEscape(
        _ escaped: Unicode.Scalar, inClass: Bool, rest: inout String.UnicodeScalarView.Iterator
    ) -> String {
        switch escaped {
        case "d": return inClass ? "0-9" : "[0-9]"
        case "D": return inClass ? "\\D" : "[^0-9]"
        case "w": return inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
        case "W": return inClass ? "\\W" : "[^a-zA-Z0-9_]"
        case "s": return inClass ? whitespace : "[" + whitespace + "]"
        case "S": return inClass ? "\\S" : "[^" + whitespace + "]"
        case "u":
            var lookahead = rest
            if lookahead.next() == "{" {
                var digits = ""
                while let next = lookahead.next(), next != "}" { digits.unicodeScalars.append(next) }
                rest = lookahead
                return "\\x{" + digits + "}"
            }
            return "\\u"
        default:
            var text = "\\"
            text.unicodeScalars.append(escaped)
            return text
        }
    }
}
