/// Generates strings matching a regular expression, for the subset schemas use: literals,
/// classes (`[a-z0-9_]`, `[^...]`, `\d`, `\w`, `\s`, `.`), groups, alternation, anchors and the
/// quantifiers `? * + {n} {n,} {n,m}` (lazy forms too). Lookaround and back references are
/// refused with a reason.
struct PatternGenerator: Sendable {
    /// Why a pattern is outside the supported subset.
    struct Unsupported: Error {
        let reason: String
    }

    indirect enum Node: Sendable {
        case literal(Unicode.Scalar)
        case set([ClosedRange<UInt32>], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, minimum: Int, maximum: Int?)
        case nothing
    }

    let root: Node
    /// How many extra repetitions an unbounded quantifier may add.
    static let unboundedExtra = 4

    init(_ source: String) throws(Unsupported) {
        var parser = Parser(scalars: Array(source.unicodeScalars))
        root = try parser.parseAlternation()
        guard parser.position == parser.scalars.count else {
            throw Unsupported(reason: "unbalanced ')' at offset \(parser.position)")
        }
    }

    /// A string matching the pattern. `plain` takes the first option everywhere (the lowest
    /// scalar of each class, the fewest repetitions, at least one): an obviously fake value,
    /// for secrets whose schema has a pattern.
    func generate(using generator: inout SeededGenerator, plain: Bool = false) -> String {
        var scalars = String.UnicodeScalarView()
        Self.emit(root, into: &scalars, generator: &generator, plain: plain)
        return String(scalars)
    }

    private static func emit(_ node: Node, into output: inout String.UnicodeScalarView, generator: inout SeededGenerator, plain: Bool) {
        switch node {
        case .nothing: break
        case .literal(let scalar): output.append(scalar)
        case .sequence(let nodes): for child in nodes { emit(child, into: &output, generator: &generator, plain: plain) }
        case .alternation(let options):
            let option = plain ? options.first : generator.pick(options)
            if let option { emit(option, into: &output, generator: &generator, plain: plain) }
        case .repetition(let child, let minimum, let maximum):
            let count = plain ? max(minimum, min(1, maximum ?? 1)) : generator.between(minimum, maximum ?? (minimum + unboundedExtra))
            for _ in 0..<count { emit(child, into: &output, generator: &generator, plain: plain) }
        case .set(let ranges, let negated):
            if plain, !negated, let first = ranges.first, let scalar = Unicode.Scalar(first.lowerBound) {
                output.append(scalar)
            } else if let scalar = pick(ranges, negated: negated, generator: &generator) {
                output.append(scalar)
            }
        }
    }

    /// A scalar in the ranges (or, negated, a printable ASCII scalar outside them).
    private static func pick(_ ranges: [ClosedRange<UInt32>], negated: Bool, generator: inout SeededGenerator) -> Unicode.Scalar? {
        if negated {
            let candidates = (0x20...0x7E).filter { value in !ranges.contains { $0.contains(UInt32(value)) } }
            guard let value = generator.pick(candidates) else { return nil }
            return Unicode.Scalar(UInt32(value))
        }
        let total = ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        guard total > 0 else { return nil }
        var offset = generator.below(total)
        for range in ranges {
            let size = Int(range.upperBound - range.lowerBound) + 1
            if offset < size { return Unicode.Scalar(range.lowerBound + UInt32(offset)) }
            offset -= size
        }
        return nil
    }

    static let digit: [ClosedRange<UInt32>] = [0x30...0x39]
    static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    static let space: [ClosedRange<UInt32>] = [0x20...0x20, 0x09...0x0D]
    static let printable: [ClosedRange<UInt32>] = [0x20...0x7E]

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func parseAlternation() throws(Unsupported) -> Node {
            var options = [try parseSequence()]
            while current == "|" {
                position += 1
                options.append(try parseSequence())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func parseSequence() throws(Unsupported) -> Node {
            var nodes: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                let atom = try parseAtom()
                nodes.append(try parseQuantifier(atom))
            }
            return .sequence(nodes)
        }

        mutating func parseAtom() throws(Unsupported) -> Node {
            guard let scalar = current else { return .nothing }
            position += 1
            switch scalar {
            case "^", "$": return .nothing
            case ".": return .set(PatternGenerator.printable, negated: false)
            case "(":
                if current == "?" {
                    let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                    if next == ":" {
                        position += 2
                    } else if next == "<", position + 2 < scalars.count, scalars[position + 2] != "=", scalars[position + 2] != "!" {
                        while let c = current, c != ">" { position += 1 }
                        position += 1
                    } else {
                        throw Unsupported(reason: "lookaround assertions are not supported")
                    }
                }
                let inner = try parseAlternation()
                guard current == ")" else { throw Unsupported(reason: "missing ')'") }
                position += 1
                return inner
            case "[": return try parseClass()
            case "\\": return try parseEscape(inClass: false).node
            default: return .literal(scalar)
            }
        }

        mutating func parseQuantifier(_ atom: Node) throws(Unsupported) -> Node {
            guard let scalar = current else { return atom }
            var minimum = 0
            var maximum: Int?
            switch scalar {
            case "*": position += 1
            case "+":
                position += 1
                minimum = 1
            case "?":
                position += 1
                maximum = 1
            case "{":
                guard let (low, high, end) = braces(from: position) else { return atom }
                position = end
                minimum = low
                maximum = high
            default: return atom
            }
            if current == "?" { position += 1 }
            return .repetition(atom, minimum: minimum, maximum: maximum)
        }

        /// `{n}`, `{n,}`, `{n,m}` starting at `start`: bounds and the position after `}`.
        func braces(from start: Int) -> (Int, Int?, Int)? {
            var index = start + 1
            func number() -> Int? {
                var digits = ""
                while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                    digits.unicodeScalars.append(scalars[index])
                    index += 1
                }
                return Int(digits)
            }
            guard let low = number() else { return nil }
            var high: Int? = low
            if index < scalars.count, scalars[index] == "," {
                index += 1
                high = number()
            }
            guard index < scalars.count, scalars[index] == "}" else { return nil }
            if let bound = high, bound < low { return nil }
            return (low, high, index + 1)
        }

        mutating func parseClass() throws(Unsupported) -> Node {
            var negated = false
            if current == "^" {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let scalar = current, scalar != "]" || first {
                first = false
                position += 1
                var lower: UInt32
                if scalar == "\\" {
                    let escape = try parseEscape(inClass: true)
                    guard let single = escape.scalar else {
                        if case .set(let set, false) = escape.node { ranges += set }
                        continue
                    }
                    lower = single.value
                } else {
                    lower = scalar.value
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let upperScalar = current else { break }
                    position += 1
                    var upper = upperScalar.value
                    if upperScalar == "\\" {
                        guard let single = try parseEscape(inClass: true).scalar else {
                            throw Unsupported(reason: "a class escape cannot end a range")
                        }
                        upper = single.value
                    }
                    guard upper >= lower else { throw Unsupported(reason: "a range out of order in a class") }
                    ranges.append(lower...upper)
                } else {
                    ranges.append(lower...lower)
                }
            }
            guard current == "]" else { throw Unsupported(reason: "missing ']'") }
            position += 1
            return .set(ranges, negated: negated)
        }

        /// After a backslash: a class or a single scalar.
        mutating func parseEscape(inClass: Bool) throws(Unsupported) -> (node: Node, scalar: Unicode.Scalar?) {
            guard let scalar = current else { throw Unsupported(reason: "a trailing backslash") }
            position += 1
            func single(_ value: Unicode.Scalar) -> (Node, Unicode.Scalar?) { (.literal(value), value) }
            switch scalar {
            case "d": return (.set(PatternGenerator.digit, negated: false), nil)
            case "D": return (.set(PatternGenerator.digit, negated: true), nil)
            case "w": return (.set(PatternGenerator.word, negated: false), nil)
            case "W": return (.set(PatternGenerator.word, negated: true), nil)
            case "s": return (.literal(" "), " ")
            case "S": return (.set(PatternGenerator.space, negated: true), nil)
            case "b", "B":
                if inClass, scalar == "b" { return single("\u{8}") }
                return (.nothing, nil)
            case "n": return single("\n")
            case "t": return single("\t")
            case "r": return single("\r")
            case "f": return single("\u{C}")
            case "v": return single("\u{B}")
            case "0": return single("\u{0}")
            case "u", "x":
                let length = scalar == "u" ? 4 : 2
                guard position + length <= scalars.count else { throw Unsupported(reason: "a short \\\(scalar) escape") }
                var text = ""
                for offset in 0..<length { text.unicodeScalars.append(scalars[position + offset]) }
                guard let value = UInt32(text, radix: 16), let decoded = Unicode.Scalar(value) else {
                    throw Unsupported(reason: "an invalid \\\(scalar) escape")
                }
                position += length
                return single(decoded)
            case "1"..."9": throw Unsupported(reason: "back references are not supported")
            default: return single(scalar)
            }
        }
    }
}
