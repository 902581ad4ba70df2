import Foundation
import Testing

@testable import CassetteSynth

@Suite("LinearPattern: the linear-time matcher agrees with ECMA-262 (through ICU) and refuses what it does not know")
struct LinearPatternTests {
    /// Matches through ICU the way `PatternMatcher` did before the linear matcher (the reference).
    static func reference(_ pattern: String, _ text: String) -> Bool? {
        guard let expression = try? NSRegularExpression(pattern: ECMARegexTranslator.translate(pattern)) else { return nil }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }

    @Test(
        "the shapes the shipped schemas use",
        arguments: [
            ("^[A-Z0-9]{4}-[A-Z0-9]{4}$", "AB12-CD34", true), ("^[A-Z0-9]{4}-[A-Z0-9]{4}$", "AB12-CD3", false),
            ("^(sk|pk)_[a-z0-9]{8,}$", "sk_abcdef12", true), ("^(sk|pk)_[a-z0-9]{8,}$", "xk_abcdef12", false),
            ("^[a-z*]+:[a-z*]+\\.[0-9a-f]{8,}$", "default:production.deadbeef", true),
            ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$", "2021-07-06T15:04:55.123Z", true),
            ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$", "2021-07-06T15:04:55-03:30", false),
            ("a+b", "xxaab", true), ("^$", "", true), ("^$", "a", false), ("^a|b$", "cb", true),
            ("(?:ab)*c", "ababc", true), ("(?<name>x)y", "xy", true), ("^\\s+$", "\u{A0}\t", true),
            ("^[^a]$", "😀", true), ("^.$", "\n", false), ("[]", "a", false), ("^[^]$", "\n", true),
            ("a{,5}", "a{,5}", true), ("^\\u00e9$", "é", true), ("^\\x41\\/$", "A/", true),
        ] as [(String, String, Bool)])
    func knownShapes(pattern: String, text: String, expected: Bool) throws {
        let compiled = try #require(LinearPattern.compile(pattern), "\(pattern) should compile")
        #expect(compiled.automaton != nil, "\(pattern) should have a table")
        #expect(compiled.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
        #expect(compiled.simulate(text) == expected, "NFA: \(pattern) on \(text.debugDescription)")
    }

    @Test(
        "what it does not know is left to the general engine",
        arguments: [
            "(a)\\1", "(?=a)b", "(?!a)b", "(?<=a)b", "\\bword\\b", "\\p{L}", "a{2,1}", "a{5000}", "\\cA", "a**", "*a", "(a", "[z-a]",
        ])
    func refuses(pattern: String) {
        #expect(LinearPattern.compile(pattern) == nil)
    }

    @Test("huge bounded repetitions stay bounded in size and time")
    func boundedProgram() throws {
        #expect(LinearPattern.compile("(a{1000}){1000}") == nil)
        let nested = try #require(LinearPattern.compile("^(a|aa|a?)*(a*)*b$"))
        #expect(!nested.matches(String(repeating: "a", count: 20_000)))  // catastrophic for a backtracker
        #expect(nested.matches(String(repeating: "a", count: 5_000) + "b"))
    }

    @Test("random patterns and strings: the same answers as ICU, 3,000 pairs")
    func differential() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var compared = 0
        for _ in 0..<150 {
            let pattern = Self.randomPattern(&generator, depth: 0)
            guard let compiled = LinearPattern.compile(pattern) else {
                Issue.record("seed \(seed): \(pattern.debugDescription) is in the subset but did not compile")
                continue
            }
            for _ in 0..<20 {
                let text = Self.randomText(&generator)
                guard let expected = Self.reference(pattern, text) else { continue }
                compared += 1
                #expect(compiled.matches(text) == expected, "seed \(seed): \(pattern.debugDescription) on \(text.debugDescription)")
                #expect(compiled.simulate(text) == expected, "seed \(seed), NFA: \(pattern.debugDescription) on \(text.debugDescription)")
            }
        }
        #expect(compared > 2_500)
    }

    static let atoms = ["a", "b", "c", "1", ".", "\\d", "\\w", "\\s", "\\S", "\\D", "\\W", "[a-c]", "[^b]", "[\\d_]", "[^\\s]", "\\.", "é"]

    static func randomPattern(_ generator: inout SeededGenerator, depth: Int) -> String {
        var pattern = generator.below(5) == 0 ? "^" : ""
        for _ in 0..<generator.between(1, 4) {
            var atom: String
            if depth < 2, generator.below(4) == 0 {
                let options = (0..<generator.between(1, 3)).map { _ in randomPattern(&generator, depth: depth + 1) }
                atom = (generator.below(2) == 0 ? "(" : "(?:") + options.joined(separator: "|") + ")"
            } else {
                atom = atoms[generator.below(atoms.count)]
            }
            switch generator.below(7) {
            case 0: atom += "*"
            case 1: atom += "+"
            case 2: atom += "?"
            case 3: atom += "{\(generator.below(3)),\(generator.between(3, 5))}"
            case 4: atom += "{\(generator.below(3))}"
            default: break
            }
            pattern += atom
        }
        if generator.below(5) == 0 { pattern += "$" }
        return pattern
    }

    static func randomText(_ generator: inout SeededGenerator) -> String {
        // Mostly ASCII (the table's path), sometimes not (the simulation's).
        let ascii: [Character] = ["a", "b", "c", "1", "2", "_", " ", "\n", "."]
        let alphabet: [Character] = generator.below(3) == 0 ? ascii + ["é", "\u{A0}", "😀"] : ascii
        return String((0..<generator.below(8)).map { _ in alphabet[generator.below(alphabet.count)] })
    }
}
