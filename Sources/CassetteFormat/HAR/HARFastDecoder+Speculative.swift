import Foundation
import Synchronization

/// Splitting a large `entries` array without a sequential pass over it: each slice of the bytes
/// guesses where its first entry starts (the next `},{"KEY"` where `KEY` is the first entry's
/// first member name, as writers give every entry the same member order), and the slices are
/// decoded side by side. A guess is trusted only once proven: slice `k - 1` must end, entry after
/// entry, exactly at slice `k`'s guess, and slice 0 starts at the array's true start, so every
/// guess is a true element boundary by induction. Anything else (a guess inside an entry, a
/// member order that differs, an entry that does not decode) gives `nil`, and the caller falls
/// back to the structural pass. The result is then the sequential decode's, entry for entry.
extension JSONReader {
    /// Longest first member name searched for.
    private static let longestKey = 64
    /// Most whitespace skipped backwards between `}`, `,` and `{` when checking a guess.
    private static let longestGap = 256

    /// The entries of the array at the reader's position, decoded in `slices` speculative
    /// slices, and the reader moved past the array; `nil` (reader unmoved) when a guess cannot
    /// be proven.
    mutating func speculativeEntries(source: Data, slices: Int) -> [HAR.Entry]? {
        let start = index
        guard let first = firstEntryStart(), let key = firstMemberName(at: first) else {
            index = start
            return nil
        }
        let guesses = entryStartGuesses(from: first, key: key, slices: slices)
        guard guesses.count >= 2 else {
            index = start
            return nil
        }
        let depth = maximumDepth
        let results = Mutex([SpeculativeSlice?](repeating: nil, count: guesses.count))
        DispatchQueue.concurrentPerform(iterations: guesses.count) { slice in
            let end = slice + 1 < guesses.count ? guesses[slice + 1] : nil
            let decoded = HARFastDecoder.decodeRun(source, from: guesses[slice], until: end, maximumDepth: depth)
            results.withLock { $0[slice] = decoded }
        }
        var all: [HAR.Entry] = []
        var arrayEnd = 0
        for slice in results.withLock({ $0 }) {
            guard let slice else {
                index = start
                return nil
            }
            all.append(contentsOf: slice.entries)
            if let end = slice.arrayEnd { arrayEnd = end }
        }
        index = arrayEnd
        return all
    }

    /// The position of the first entry's `{` after the array's `[`, or `nil` (an empty array,
    /// or not an array of objects).
    private mutating func firstEntryStart() -> Int? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        return index
    }

    /// The first member name of the object at `position`, quotes included, when it is short and
    /// has no escapes.
    private func firstMemberName(at position: Int) -> [UInt8]? {
        var cursor = position + 1
        while cursor < bytes.count, ASCIIText.isWhitespace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else { return nil }
        let opening = cursor
        cursor += 1
        while cursor < bytes.count, cursor - opening <= Self.longestKey {
            switch bytes[cursor] {
            case UInt8(ascii: "\""):
                return cursor > opening + 1 ? Array(bytes[opening...cursor]) : nil
            case UInt8(ascii: "\\"), 0..<0x20: return nil
            default: cursor += 1
            }
        }
        return nil
    }

    /// Where each slice's first entry probably starts: `first`, then for each later slice the
    /// first `}`, `,`, `{`, `key` sequence (whitespace allowed between) at or after the slice's
    /// byte offset. Each search starts after the previous guess, so the whole is one pass at most.
    private func entryStartGuesses(from first: Int, key: [UInt8], slices: Int) -> [Int] {
        var guesses = [first]
        let length = (bytes.count - first) / max(slices, 1)
        guard length > 0 else { return guesses }
        for slice in 1..<max(slices, 1) {
            let from = max(first + slice * length, guesses[guesses.count - 1] + 1)
            guard let guess = nextEntryStart(from: from, key: key) else { break }
            guesses.append(guess)
        }
        return guesses
    }

    /// The position of the `{` of the next `}`, `,`, `{`, `key` sequence at or after `from`.
    private func nextEntryStart(from: Int, key: [UInt8]) -> Int? {
        var position = from
        let last = bytes.count - key.count
        while position <= last {
            guard bytes[position] == key[0] else {
                position += 1
                continue
            }
            var matched = 1
            while matched < key.count, bytes[position + matched] == key[matched] { matched += 1 }
            if matched == key.count, let brace = precedingEntryBrace(before: position) { return brace }
            position += 1
        }
        return nil
    }

    /// The `{` before `position` when `}`, `,` and `{` come just before it (whitespace between).
    private func precedingEntryBrace(before position: Int) -> Int? {
        var cursor = position - 1
        var brace: Int?
        for expected in [UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "}")] {
            let lowest = max(0, cursor - Self.longestGap)
            while cursor >= lowest, ASCIIText.isWhitespace(bytes[cursor]) { cursor -= 1 }
            guard cursor >= 0, bytes[cursor] == expected else { return nil }
            if brace == nil { brace = cursor }
            cursor -= 1
        }
        return brace
    }

}

/// One speculative slice's entries, and where the array ended when the slice reached its `]`.
struct SpeculativeSlice: Sendable {
    let entries: [HAR.Entry]
    let arrayEnd: Int?
}

extension HARFastDecoder {
    /// Decodes consecutive entries from `start` until the element boundary `end` (exactly) or,
    /// for the last slice (`end == nil`), until the array's `]`; `nil` when an entry does not
    /// decode or the run passes `end` without landing on it.
    static func decodeRun(_ source: Data, from start: Int, until end: Int?, maximumDepth: Int) -> SpeculativeSlice? {
        source.withUnsafeBytes { raw -> SpeculativeSlice? in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            reader.maximumDepth = maximumDepth
            reader.index = start
            var list: [HAR.Entry] = []
            while true {
                do throws(GiveUp) {
                    list.append(try reader.entry())
                } catch {
                    return nil
                }
                reader.skipWhitespace()
                guard reader.index < reader.bytes.count else { return nil }
                switch reader.bytes[reader.index] {
                case UInt8(ascii: ","):
                    reader.index += 1
                    reader.skipWhitespace()
                    guard let end else { continue }
                    if reader.index == end { return SpeculativeSlice(entries: list, arrayEnd: nil) }
                    if reader.index > end { return nil }
                case UInt8(ascii: "]"):
                    return end == nil ? SpeculativeSlice(entries: list, arrayEnd: reader.index + 1) : nil
                default:
                    return nil
                }
            }
        }
    }
}
