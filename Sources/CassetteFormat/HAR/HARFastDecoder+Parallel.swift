import Foundation
import Synchronization

/// Large cassettes decode their entries on every core: a quick structural pass finds where each
/// entry starts and ends, then slices of entries are decoded side by side, each by its own reader
/// over the same bytes. The result is the sequential decode's, entry for entry: every entry is
/// still read by ``JSONReader/entry()``, which must end exactly where the structural pass said
/// it ends, and anything unexpected gives up to the full path as before.
extension JSONReader {
    /// Below this many bytes of entries the sequential decode is as fast (threads cost more).
    static let parallelEntriesThreshold = 2 * 1024 * 1024

    /// The `entries` array at the reader's position, decoded in parallel slices when it is large.
    mutating func entries(source: Data) throws(GiveUp) -> [HAR.Entry] {
        let start = index
        let cores = min(UsableCores.count, 8)
        // One core (or a small document): no structural pass, one sequential decode.
        guard cores > 1, bytes.count - start >= Self.parallelEntriesThreshold else { return try sequentialEntries() }
        // First without a sequential pass: slices guess their first entry and prove it.
        if let entries = speculativeEntries(source: source, slices: cores * 4) { return entries }
        index = start
        let bounds = try elementBounds()
        guard bounds.count >= 2 * cores, index - start >= Self.parallelEntriesThreshold else {
            index = start
            return try sequentialEntries()
        }
        // More slices than cores: a core slowed by other work takes fewer of them (equal halves
        // wait for the slower core).
        let slices = min(cores * 4, bounds.count)
        let perSlice = (bounds.count + slices - 1) / slices
        let results = Mutex([[HAR.Entry]?](repeating: nil, count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = min(bounds.count, slice * perSlice)..<min(bounds.count, (slice + 1) * perSlice)
            let decoded = HARFastDecoder.decodeEntries(source, bounds: bounds[range])
            results.withLock { $0[slice] = decoded }
        }
        var all: [HAR.Entry] = []
        all.reserveCapacity(bounds.count)
        for slice in results.withLock({ $0 }) {
            guard let slice else { throw GiveUp() }
            all.append(contentsOf: slice)
        }
        return all
    }

    /// The `entries` array at the reader's position, decoded in order on this thread.
    private mutating func sequentialEntries() throws(GiveUp) -> [HAR.Entry] {
        var list: [HAR.Entry] = []
        try elements { reader throws(GiveUp) in list.append(try reader.entry()) }
        return list
    }

    /// Where each element of the array at the reader's position starts and ends, without
    /// decoding it; the reader ends after the closing `]`. Elements must be objects (entries are).
    /// One pass over the bytes, eight at a time between structural bytes, no recursion.
    mutating func elementBounds() throws(GiveUp) -> [Range<Int>] {
        var bounds: [Range<Int>] = []
        try elements { reader throws(GiveUp) in
            let start = reader.index
            try reader.skipObjectStructure()
            bounds.append(start..<reader.index)
        }
        return bounds
    }

    /// Steps over one object by its brackets and strings only (the decode that follows checks
    /// everything else).
    private mutating func skipObjectStructure() throws(GiveUp) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw GiveUp() }
        var depth = 0
        repeat {
            index = TextScan.firstStructuralCandidate(in: bytes, from: index)
            guard index < bytes.count else { throw GiveUp() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while true {
                    index = TextScan.firstSpecialByte(in: bytes, from: index)
                    guard index < bytes.count else { throw GiveUp() }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") { break }
                    guard byte == UInt8(ascii: "\\") else { throw GiveUp() }  // a control byte
                    index += 2
                }
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= maximumDepth else { throw GiveUp() }
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            default:
                index += 1
            }
        } while depth > 0
    }
}

extension HARFastDecoder {
    /// Decodes the entries at `bounds` (consecutive elements of one array), or `nil` when one of
    /// them does not decode or does not end where the structural pass said.
    static func decodeEntries(_ source: Data, bounds: ArraySlice<Range<Int>>) -> [HAR.Entry]? {
        source.withUnsafeBytes { raw -> [HAR.Entry]? in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            var list: [HAR.Entry] = []
            list.reserveCapacity(bounds.count)
            for bound in bounds {
                reader.index = bound.lowerBound
                do throws(GiveUp) {
                    list.append(try reader.entry())
                } catch {
                    return nil
                }
                guard reader.index == bound.upperBound else { return nil }
            }
            return list
        }
    }
}
