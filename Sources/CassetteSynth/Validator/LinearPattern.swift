/// A regular expression matched in time linear in the input (a Thompson NFA simulated
/// breadth-first, Pike's way), for the ECMA-262 subset JSON Schema patterns use in practice:
/// literals and escapes, classes (`[a-z]`, `[^...]`, `\d \w \s` and their negations), `.`,
/// groups (capturing, `(?:...)`, named), alternation, the quantifiers `? * + {n} {n,} {n,m}`
/// (lazy forms match the same strings) and the anchors `^` and `$` (no multiline flag: start and
/// end of the input).
///
/// Anything else (back references, lookaround, `\b`, `\p{...}`) makes ``compile(_:)`` return
/// `nil`, and the caller falls back to a general engine. Matching works on Unicode scalars, as
/// the ICU engine this replaces did.
final class LinearPattern: Sendable {
    /// One step of the compiled program.
    enum Instruction: Sendable {
        /// Consumes one scalar in the set.
        case scalar(ScalarSet)
        /// Continues at both targets (first preferred; preference does not matter for a yes/no answer).
        case split(Int, Int)
        case jump(Int)
        /// Succeeds only at the start of the input.
        case atStart
        /// Succeeds only at the end of the input.
        case atEnd
        case match
    }

    /// The most instructions a pattern may expand to (bounded quantifiers are copied out).
    static let maximumProgramSize = 20_000

    let program: [Instruction]
    /// The same pattern as a table over ASCII, when it is small enough.
    let automaton: LinearPatternDFA?

    /// The compiled pattern, or `nil` when it uses something outside the subset (or expands
    /// beyond ``maximumProgramSize``).
    static func compile(_ source: String) -> LinearPattern? {
        var parser = LinearPatternParser(scalars: Array(source.unicodeScalars))
        guard let tree = parser.parseAlternation(), parser.position == parser.scalars.count else { return nil }
        var compiler = LinearPatternCompiler()
        guard compiler.emit(tree) else { return nil }
        compiler.program.append(.match)
        guard compiler.program.count <= maximumProgramSize else { return nil }
        return LinearPattern(program: compiler.program, automaton: LinearPatternDFA(compiler.program))
    }

    init(program: [Instruction], automaton: LinearPatternDFA?) {
        self.program = program
        self.automaton = automaton
    }

    /// Whether the pattern matches anywhere in `string` (ECMA-262 `test`, unanchored).
    func matches(_ string: String) -> Bool {
        if !string.isEmpty, let automaton,
            let answer = string.utf8.withContiguousStorageIfAvailable({ automaton.matches($0) }) ?? nil
        {
            return answer
        }
        return simulate(string)
    }

    /// The NFA simulation (any text).
    func simulate(_ string: String) -> Bool {
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        var atStart = true
        var iterator = string.unicodeScalars.makeIterator()
        var scalar = iterator.next()
        while true {
            // A new attempt starts at every position (the search is unanchored).
            if addThread(0, to: &current, stack: &stack, atStart: atStart, atEnd: scalar == nil) { return true }
            guard let input = scalar else { return false }
            let following = iterator.next()
            next.clear()
            for index in 0..<current.count {
                guard case .scalar(let set) = program[current.dense[index]], set.contains(input) else { continue }
                if addThread(current.dense[index] + 1, to: &next, stack: &stack, atStart: false, atEnd: following == nil) {
                    return true
                }
            }
            swap(&current, &next)
            scalar = following
            atStart = false
        }
    }

    /// Adds `start` and everything reachable from it without consuming input; `true` when a
    /// `match` is reachable.
    private func addThread(_ start: Int, to list: inout ThreadList, stack: inout [Int], atStart: Bool, atEnd: Bool) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .atStart: if atStart { stack.append(pc + 1) }
            case .atEnd: if atEnd { stack.append(pc + 1) }
            case .scalar: break
            }
        }
        return false
    }
}

/// A set of program counters with constant-time insert, membership and clear (Briggs and Torczon's sparse set).
private struct ThreadList {
    var dense: [Int]
    var sparse: [Int]
    var count = 0

    init(capacity: Int) {
        dense = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    /// Inserts `pc`; `false` when it was there already.
    mutating func insert(_ pc: Int) -> Bool {
        let slot = sparse[pc]
        if slot < count, dense[slot] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func clear() { count = 0 }
}

/// A set of Unicode scalars as sorted, disjoint ranges, with a bitmap for ASCII.
struct ScalarSet: Sendable {
    let ranges: [ClosedRange<UInt32>]
    private let asciiLow: UInt64
    private let asciiHigh: UInt64

    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        var sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        if negated {
            var complement: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for range in merged {
                if range.lowerBound > next { complement.append(next...(range.lowerBound - 1)) }
                next = range.upperBound &+ 1
                if range.upperBound == 0x10FFFF { next = 0x110000 }
            }
            if next <= 0x10FFFF { complement.append(next...0x10FFFF) }
            merged = complement
        }
        sorted = merged
        var low: UInt64 = 0
        var high: UInt64 = 0
        for range in sorted where range.lowerBound < 128 {
            for value in range.lowerBound...min(range.upperBound, 127) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }
        self.ranges = sorted
        asciiLow = low
        asciiHigh = high
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiHigh & (1 << UInt64(value - 64)) != 0 }
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else if ranges[middle].lowerBound > value {
                high = middle
            } else {
                return true
            }
        }
        return false
    }
}
