/// The syntax tree of a ``LinearPattern``.
indirect enum PatternTree: Sendable {
    case set(ScalarSet)
    case sequence([PatternTree])
    case alternation([PatternTree])
    case repetition(PatternTree, minimum: Int, maximum: Int?)
    case atStart
    case atEnd
}

/// Parses the ECMA-262 subset of ``LinearPattern``; every method returns `nil` for anything
/// outside it (the caller then uses a general engine, which also reports real syntax errors).
/// Recursion is bounded by ``maximumNesting``.
struct LinearPatternParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    private var nesting = 0
    static let maximumNesting = 64
    /// The largest `{n,m}` bound taken (larger ones are left to the general engine).
    static let maximumBound = 1_000

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    // ECMA-262 sets.
    static let digits = ScalarSet([0x30...0x39])
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let whitespaceRanges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]
    /// `.`: anything but a line terminator.
    static let dot = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)

    mutating func parseAlternation() -> PatternTree? {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting, let first = parseSequence() else { return nil }
        var options = [first]
        while current == "|" {
            position += 1
            guard let next = parseSequence() else { return nil }
            options.append(next)
        }
        return options.count == 1 ? first : .alternation(options)
    }

    private mutating func parseSequence() -> PatternTree? {
        var items: [PatternTree] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            guard let atom = parseAtom() else { return nil }
            guard let quantified = parseQuantifier(atom) else { return nil }
            items.append(quantified)
        }
        return .sequence(items)
    }

    private mutating func parseAtom() -> PatternTree? {
        guard let scalar = current else { return nil }
        position += 1
        switch scalar {
        case "^": return .atStart
        case "$": return .atEnd
        case ".": return .set(Self.dot)
        case "(": return parseGroup()
        case "[": return parseClass().map { .set($0) }
        case "\\": return parseEscape(inClass: false).map { .set($0.set) }
        case "*", "+", "?": return nil  // nothing to repeat: a syntax error
        case "{":
            // A `{` that does not start a quantifier is a literal (ECMA-262 Annex B).
            guard case .literal = braces(from: position - 1) else { return nil }
            return .set(ScalarSet([scalar.value...scalar.value]))
        default: return .set(ScalarSet([scalar.value...scalar.value]))
        }
    }

    private mutating func parseGroup() -> PatternTree? {
        if current == "?" {
            let next = position + 1 < scalars.count ? scalars[position + 1] : nil
            if next == ":" {
                position += 2
            } else if next == "<", position + 2 < scalars.count, scalars[position + 2] != "=", scalars[position + 2] != "!" {
                position += 2
                while let c = current, c != ">" {
                    guard c == "_" || c == "$" || c.properties.isAlphabetic || ("0"..."9").contains(c) else { return nil }
                    position += 1
                }
                guard current == ">" else { return nil }
                position += 1
            } else {
                return nil  // lookaround
            }
        }
        guard let inner = parseAlternation(), current == ")" else { return nil }
        position += 1
        return inner
    }

    private mutating func parseQuantifier(_ atom: PatternTree) -> PatternTree? {
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
            switch braces(from: position) {
            case .literal: return atom
            case .unsupported: return nil
            case .quantifier(let low, let high, let end):
                position = end
                minimum = low
                maximum = high
            }
        default: return atom
        }
        if current == "?" { position += 1 }  // lazy: the same strings match
        switch atom {
        case .atStart, .atEnd: return nil  // a quantified assertion
        default: return .repetition(atom, minimum: minimum, maximum: maximum)
        }
    }

    /// What a `{` at some position starts.
    private enum Braces {
        /// Not a quantifier: the `{` is a literal (ECMA-262 Annex B).
        case literal
        /// `{n}`, `{n,}`, `{n,m}`: the bounds and the position after `}`.
        case quantifier(Int, Int?, end: Int)
        /// Out of order, or beyond ``maximumBound``: left to the general engine.
        case unsupported
    }

    private func braces(from start: Int) -> Braces {
        var index = start + 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                value = min(value * 10 + Int(scalars[index].value - 0x30), Self.maximumBound + 1)
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : value
        }
        guard let low = number() else { return .literal }
        var high: Int? = low
        if index < scalars.count, scalars[index] == "," {
            index += 1
            high = number()
        }
        guard index < scalars.count, scalars[index] == "}" else { return .literal }
        guard low <= Self.maximumBound, (high ?? 0) <= Self.maximumBound, (high ?? low) >= low else { return .unsupported }
        return .quantifier(low, high, end: index + 1)
    }

    private mutating func parseClass() -> ScalarSet? {
        var negated = false
        if current == "^" {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while let scalar = current, scalar != "]" {
            position += 1
            let lower: UInt32
            switch classAtom(scalar) {
            case nil: return nil
            case .set(let set)?:
                // A class escape (\d, \w, \s) is added whole; a range cannot start there.
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" { return nil }
                ranges += set.ranges
                continue
            case .scalar(let value)?: lower = value
            }
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard let upperScalar = current else { return nil }
                position += 1
                guard case .scalar(let upper)? = classAtom(upperScalar), upper >= lower else { return nil }
                ranges.append(lower...upper)
            } else {
                ranges.append(lower...lower)
            }
        }
        guard current == "]" else { return nil }
        position += 1
        return ScalarSet(ranges, negated: negated)
    }

    /// What one escape or class member stands for.
    private enum Escape {
        case scalar(UInt32)
        case set(ScalarSet)

        var set: ScalarSet {
            switch self {
            case .scalar(let value): ScalarSet([value...value])
            case .set(let set): set
            }
        }
    }

    /// One class member starting with `scalar` (already consumed); `nil` when unsupported.
    private mutating func classAtom(_ scalar: Unicode.Scalar) -> Escape? {
        scalar == "\\" ? parseEscape(inClass: true) : .scalar(scalar.value)
    }

    /// After a backslash: what it stands for, or `nil` when unsupported.
    private mutating func parseEscape(inClass: Bool) -> Escape? {
        guard let scalar = current else { return nil }
        position += 1
        switch scalar {
        case "d": return .set(Self.digits)
        case "D": return .set(ScalarSet(Self.digits.ranges, negated: true))
        case "w": return .set(Self.word)
        case "W": return .set(ScalarSet(Self.word.ranges, negated: true))
        case "s": return .set(ScalarSet(Self.whitespaceRanges))
        case "S": return .set(ScalarSet(Self.whitespaceRanges, negated: true))
        case "b": return inClass ? .scalar(0x08) : nil
        case "n": return .scalar(0x0A)
        case "t": return .scalar(0x09)
        case "r": return .scalar(0x0D)
        case "f": return .scalar(0x0C)
        case "v": return .scalar(0x0B)
        case "0":
            if let next = current, ("0"..."9").contains(next) { return nil }
            return .scalar(0)
        case "x", "u":
            let length = scalar == "x" ? 2 : 4
            guard position + length <= scalars.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<length {
                guard let digit = Self.hexValue(scalars[position + offset]) else { return nil }
                value = value * 16 + digit
            }
            guard Unicode.Scalar(value) != nil else { return nil }  // a surrogate half
            position += length
            return .scalar(value)
        default:
            // Identity escapes of syntax characters only; letters and digits mean something else.
            guard "\\^$.*+?()[]{}|/-".unicodeScalars.contains(scalar) else { return nil }
            return .scalar(scalar.value)
        }
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }
}

/// Turns a ``PatternTree`` into ``LinearPattern`` instructions, copying bounded repetitions out.
struct LinearPatternCompiler {
    var program: [LinearPattern.Instruction] = []

    /// `false` when the program grows past ``LinearPattern/maximumProgramSize``.
    mutating func emit(_ tree: PatternTree) -> Bool {
        guard program.count <= LinearPattern.maximumProgramSize else { return false }
        switch tree {
        case .set(let set): program.append(.scalar(set))
        case .atStart: program.append(.atStart)
        case .atEnd: program.append(.atEnd)
        case .sequence(let items):
            for item in items where !emit(item) { return false }
        case .alternation(let options):
            var jumps: [Int] = []
            for (index, option) in options.enumerated() {
                if index < options.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    guard emit(option) else { return false }
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(option) else { return false }
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let item, let minimum, let maximum):
            for _ in 0..<minimum where !emit(item) { return false }
            if let maximum {
                // Each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in minimum..<max(minimum, maximum) {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    guard emit(item) else { return false }
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                guard emit(item) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
        return program.count <= LinearPattern.maximumProgramSize
    }
}
