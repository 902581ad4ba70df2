/// A deterministic automaton over ASCII built from a ``LinearPattern``'s program by the subset
/// construction, all at once when the pattern compiles (so matching shares nothing mutable):
/// two table lookups per byte. Built only when the automaton stays within ``maximumStates``; the
/// NFA simulation serves non-ASCII text and the patterns whose automaton would be larger.
final class LinearPatternDFA: Sendable {
    /// The most states built.
    static let maximumStates = 512

    /// `table[state * classCount + classOf[byte]]`: the next state.
    private let table: [Int32]
    /// Bytes no set of the pattern tells apart share a class (typically a handful), so the
    /// construction computes one transition per class, not per byte.
    private let classOf: [UInt8]
    private let classCount: Int
    /// Whether a match has been seen by the time the automaton is in this state (then the
    /// answer is yes whatever follows: the search is unanchored).
    private let matched: [Bool]
    /// Whether the input ending in this state matches (through `$`).
    private let matchedAtEnd: [Bool]

    /// The automaton, or `nil` when it would have more than ``maximumStates`` states.
    init?(_ program: [LinearPattern.Instruction]) {
        let (classOf, representatives) = Self.byteClasses(program)
        let builder = Builder(program: program)
        let start = builder.closure(of: [0], atStart: true)
        var states: [[Int]] = [start]
        var index: [[Int]: Int32] = [start: 0]
        var table: [Int32] = []
        var next = 0
        while next < states.count {
            let state = states[next]
            next += 1
            for byte in representatives {
                // Threads that consume the byte, plus a new attempt starting after it.
                var kernel: [Int] = [0]
                let scalar = Unicode.Scalar(byte)
                for pc in state {
                    if case .scalar(let set) = program[pc], set.contains(scalar) { kernel.append(pc + 1) }
                }
                let target = builder.closure(of: kernel, atStart: false)
                if let known = index[target] {
                    table.append(known)
                } else {
                    guard states.count < Self.maximumStates else { return nil }
                    index[target] = Int32(states.count)
                    table.append(Int32(states.count))
                    states.append(target)
                }
            }
        }
        self.table = table
        self.classOf = classOf
        classCount = representatives.count
        matched = states.map { state in state.contains { if case .match = program[$0] { true } else { false } } }
        matchedAtEnd = states.map { builder.reachesMatchAtEnd(from: $0) }
    }

    /// Groups the ASCII bytes by which of the program's sets contain them: the class of each
    /// byte, and one byte standing for each class.
    private static func byteClasses(_ program: [LinearPattern.Instruction]) -> (classOf: [UInt8], representatives: [UInt8]) {
        var signatures: [[Bool]: UInt8] = [:]
        var classOf: [UInt8] = []
        var representatives: [UInt8] = []
        let sets = program.compactMap { instruction -> ScalarSet? in
            if case .scalar(let set) = instruction { set } else { nil }
        }
        for byte in UInt8(0)..<128 {
            let scalar = Unicode.Scalar(byte)
            let signature = sets.map { $0.contains(scalar) }
            if let known = signatures[signature] {
                classOf.append(known)
            } else {
                let id = UInt8(representatives.count)
                signatures[signature] = id
                classOf.append(id)
                representatives.append(byte)
            }
        }
        return (classOf, representatives)
    }

    /// The answer for UTF-8 `bytes`, or `nil` at the first byte that is not ASCII.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        table.withUnsafeBufferPointer { table in
            classOf.withUnsafeBufferPointer { classOf in
                matched.withUnsafeBufferPointer { matched in
                    var state = 0
                    for position in 0..<bytes.count {
                        let byte = bytes[position]
                        if matched[state] { return true }
                        guard byte < 128 else { return nil }
                        state = Int(table[state &* classCount &+ Int(classOf[Int(byte)])])
                    }
                    return matched[state] || matchedAtEnd[state]
                }
            }
        }
    }

    /// Epsilon closures over the program, stopping at the instructions that consume input, at
    /// `match` and at `$` (whose answer depends on whether the input ends there).
    private struct Builder {
        let program: [LinearPattern.Instruction]

        func closure(of starts: [Int], atStart: Bool) -> [Int] {
            var seen = Set<Int>()
            var stack = starts
            var result: [Int] = []
            while let pc = stack.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program[pc] {
                case .jump(let target): stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .atStart: if atStart { stack.append(pc + 1) }
                case .atEnd, .scalar, .match: result.append(pc)
                }
            }
            return result.sorted()
        }

        /// Whether the input ending here matches: some `$` of the state leads to `match`.
        func reachesMatchAtEnd(from state: [Int]) -> Bool {
            var seen = Set<Int>()
            var stack = state
            while let pc = stack.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program[pc] {
                case .match: return true
                case .atEnd: stack.append(pc + 1)
                case .jump(let target): stack.append(target)
                case .split(let first, let second):
                    stack.append(first)
                    stack.append(second)
                case .atStart, .scalar: break
                }
            }
            return false
        }
    }
}
