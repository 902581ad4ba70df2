import Foundation

/// A compiled `pattern` / `patternProperties` regular expression (ECMA-262 flavoured, unanchored).
///
/// Common shapes are matched without a regex engine: a literal (`abc`, `^abc`, `abc$`, `^abc$`)
/// and a single repeated character class (`^[a-z0-9_-]+$`, `^\d{4}$`). The rest of the common
/// subset (groups, alternation, quantifiers, classes) runs on ``LinearPattern``, in time linear in
/// the input. Only what that subset leaves out (back references, lookaround, `\b`) goes to
/// `NSRegularExpression` (ICU), after translating the ECMA-262 escapes whose meaning differs
/// there (`\d`, `\w`, `\s` and their negations are ASCII-only in ECMA-262).
final class PatternMatcher: Sendable {
    let source: String
    private let strategy: Strategy
    /// For `repeatedClass`: the class's ASCII members, so ASCII text is checked byte by byte.
    private let asciiClass: ByteSet

    private enum Strategy: Sendable {
        case contains(String)
        case prefix(String)
        case suffix(String)
        case equals(String)
        case repeatedClass(CharacterClass, min: Int, max: Int?)
        case linear(LinearPattern)
        case regex(NSRegularExpression)
    }

    /// Compiles `source`; throws a readable reason when it is not a valid expression.
    init(_ source: String) throws(PatternError) {
        self.source = source
        if let simple = PatternMatcher.simpleStrategy(source) {
            strategy = simple
            var asciiClass = ByteSet()
            if case .repeatedClass(let characterClass, _, _) = simple {
                for byte in UInt8(0)..<128 where characterClass.contains(Unicode.Scalar(byte)) { asciiClass.insert(byte) }
            }
            self.asciiClass = asciiClass
            return
        }
        asciiClass = ByteSet()
        if let linear = LinearPattern.compile(source) {
            strategy = .linear(linear)
            return
        }
        do {
            let translated = ECMARegexTranslator.translate(source)
            strategy = .regex(try NSRegularExpression(pattern: translated, options: []))
        } catch {
            throw PatternError(reason: "not a valid regular expression (\(error.localizedDescription))")
        }
    }

    /// Whether the expression matches anywhere in `string`.
    func matches(_ string: String) -> Bool {
        switch strategy {
        case .contains(let literal): return Self.containsBytes(string, literal)
        case .prefix(let literal): return string.utf8.starts(with: literal.utf8)
        case .suffix(let literal): return string.utf8.reversed().starts(with: literal.utf8.reversed())
        case .equals(let literal): return string.utf8.elementsEqual(literal.utf8)
        case .repeatedClass(let characterClass, let minimum, let maximum):
            if let answer = Self.matchesASCII(string, asciiClass, minimum: minimum, maximum: maximum) { return answer }
            var count = 0
            for scalar in string.unicodeScalars {
                guard characterClass.contains(scalar) else { return false }
                count += 1
                if let maximum, count > maximum { return false }
            }
            return count >= minimum
        case .linear(let pattern):
            return pattern.matches(string)
        case .regex(let expression):
            let range = NSRange(string.startIndex..<string.endIndex, in: string)
            return expression.firstMatch(in: string, options: [], range: range) != nil
        }
    }

    /// `repeatedClass` on ASCII text (one byte, one scalar); `nil` when the text is not ASCII.
    private static func matchesASCII(_ string: String, _ members: ByteSet, minimum: Int, maximum: Int?) -> Bool? {
        string.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            for position in 0..<bytes.count {
                let byte = bytes[position]
                if byte >= 128 { return nil }
                if !members.contains(byte) { return false }
            }
            if let maximum, bytes.count > maximum { return false }
            return bytes.count >= minimum
        } ?? nil
    }

    /// Substring search on UTF-8 bytes (UTF-8 is self-synchronising, so this is code point exact).
    private static func containsBytes(_ string: String, _ literal: String) -> Bool {
        let needle = Array(literal.utf8)
        guard let first = needle.first else { return true }
        let haystack = Array(string.utf8)
        guard haystack.count >= needle.count else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first, haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    private static func simpleStrategy(_ source: String) -> Strategy? {
        var body = Substring(source)
        let anchoredStart = body.hasPrefix("^")
        if anchoredStart { body = body.dropFirst() }
        let anchoredEnd = body.hasSuffix("$") && !body.hasSuffix("\\$")
        if anchoredEnd { body = body.dropLast() }
        if let literal = literalText(body) {
            switch (anchoredStart, anchoredEnd) {
            case (false, false): return .contains(literal)
            case (true, false): return .prefix(literal)
            case (false, true): return .suffix(literal)
            case (true, true): return .equals(literal)
            }
        }
        guard anchoredStart, anchoredEnd, var parser = Optional(SimpleClassParser(body)),
            let characterClass = parser.parseAtom(), let (minimum, maximum) = parser.parseQuantifier(), parser.atEnd
        else { return nil }
        return .repeatedClass(characterClass, min: minimum, max: maximum)
    }

    /// The text a pattern body matches literally, when it has no operators.
    private static func literalText(_ body: Substring) -> String? {
        var result = ""
        var escaped = false
        for character in body {
            if escaped {
                guard "\\.^$*+?()[]{}|/-".contains(character) else { return nil }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if ".^$*+?()[]{}|".contains(character) {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}

/// Why a pattern does not compile.
struct PatternError: Error {
    let reason: String
}
