import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
import Foundation
import Synchronization

/// A cassette's interactions, prepared for matching and grouped by the request parts every
/// matcher in force requires to be equal (method, host, path, query): a request is only compared
/// with the interactions of its own group, plus those whose key holds a placeholder. A group key
/// only narrows the search; the matchers still decide, so two different requests sharing a key
/// cost a comparison, never a wrong answer.
///
/// Immutable; a ``CassettePlayer`` swaps in a new one when recording appends interactions.
final class InteractionIndex: Sendable {
    let log: HAR.Log
    let prepared: PreparedRequests
    let parts: IndexParts
    /// Interaction positions by key, in recorded order.
    let groups: [String: [Int]]
    /// Interactions whose key parts hold a placeholder: candidates for every request.
    let everywhere: [Int]

    init(log: HAR.Log, parts: IndexParts) {
        self.log = log
        self.parts = parts
        let (prepared, keySlices) = Self.prepare(log.entries, parts: parts)
        self.prepared = prepared
        var groups: [String: [Int]] = [:]
        var everywhere: [Int] = []
        if !parts.isEmpty {
            groups.reserveCapacity(prepared.count)
            var position = 0
            for keys in keySlices {
                for key in keys {
                    if let key {
                        groups[key, default: []].append(position)
                    } else {
                        everywhere.append(position)
                    }
                    position += 1
                }
            }
        }
        self.groups = groups
        self.everywhere = everywhere
    }

    /// Every entry's request prepared for matching, with its grouping key (`nil`: a key part
    /// holds a placeholder, so it may answer any request); a large cassette's on every core, in
    /// slices, kept as they were made (copying them into one array cost a retain and a release
    /// per member on one thread). The key is made from the request just prepared.
    static func prepare(_ entries: [HAR.Entry], parts: IndexParts) -> (PreparedRequests, [[String?]]) {
        @Sendable func prepareSlice(_ slice: ArraySlice<HAR.Entry>) -> ([PreparedRequest], [String?]) {
            var prepared: [PreparedRequest] = []
            var keys: [String?] = []
            prepared.reserveCapacity(slice.count)
            keys.reserveCapacity(parts.isEmpty ? 0 : slice.count)
            for entry in slice {
                let request = PreparedRequest(entry.request)
                if !parts.isEmpty { keys.append(holdsPlaceholder(request, parts: parts) ? nil : key(request, parts: parts)) }
                prepared.append(request)
            }
            return (prepared, keys)
        }
        let cores = min(UsableCores.count, 8)
        guard cores > 1, entries.count >= 4096 else {
            let (prepared, keys) = prepareSlice(entries[...])
            return (PreparedRequests(slices: [prepared], perSlice: max(prepared.count, 1)), [keys])
        }
        // More slices than cores, so that a core slowed by other work takes fewer of them.
        let count = cores * 4
        let perSlice = (entries.count + count - 1) / count
        let slices = Mutex([([PreparedRequest], [String?])](repeating: ([], []), count: count))
        DispatchQueue.concurrentPerform(iterations: count) { slice in
            let range = min(entries.count, slice * perSlice)..<min(entries.count, (slice + 1) * perSlice)
            let prepared = prepareSlice(entries[range])
            slices.withLock { $0[slice] = prepared }
        }
        let results = slices.withLock { $0 }
        return (PreparedRequests(slices: results.map(\.0), perSlice: perSlice), results.map(\.1))
    }

    /// The interactions that may answer a request whose keys are `keys`, in recorded order,
    /// and the group key when they are exactly one group (so that a cursor can skip its used
    /// interactions).
    func candidates(keys: [String]) -> (positions: [Int], group: String?) {
        guard !parts.isEmpty else { return (Array(prepared.indices), "") }
        let distinctKeys = Array(Set(keys))
        if distinctKeys.count == 1, everywhere.isEmpty {
            return (groups[distinctKeys[0]] ?? [], distinctKeys[0])
        }
        var positions = Set(everywhere)
        for key in distinctKeys { positions.formUnion(groups[key] ?? []) }
        return (positions.sorted(), nil)
    }

    /// Whether a key part of a recorded request holds a placeholder (it may answer any request).
    private static func holdsPlaceholder(_ request: PreparedRequest, parts: IndexParts) -> Bool {
        parts.contains(.path) && PlaceholderEquality.containsPlaceholder(request.path)
            || parts.contains(.host) && PlaceholderEquality.containsPlaceholder(request.authority)
            || parts.contains(.query) && request.query.contains(where: { PlaceholderEquality.containsPlaceholder($0.value) })
    }

    /// The grouping key of a request.
    func key(_ request: PreparedRequest) -> String {
        Self.key(request, parts: parts)
    }

    private static func key(_ request: PreparedRequest, parts: IndexParts) -> String {
        var key = ""
        key.reserveCapacity(request.method.utf8.count + request.authority.utf8.count + request.path.utf8.count + 16)
        if parts.contains(.method) { key += request.method }
        key += " "
        if parts.contains(.host) { key += request.authority }
        key += " "
        if parts.contains(.path) { key += request.path }
        if parts.contains(.query), !request.query.isEmpty {
            // Equal multisets of pairs give equal keys (sorted); the separators cannot make
            // unequal ones miss each other, only share a key.
            key += "?"
            let pairs = request.query.count == 1 ? request.query : request.query.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            for (position, pair) in pairs.enumerated() {
                if position > 0 { key += "\u{0}" }
                key += pair.name
                key += "\u{1}"
                key += pair.value
            }
        }
        return key
    }
}

/// Prepared requests in the slices they were prepared in, read by position: every slice but the
/// last holds exactly `perSlice` requests.
struct PreparedRequests: Sendable {
    let slices: [[PreparedRequest]]
    let perSlice: Int
    /// How many requests there are.
    let count: Int

    init(slices: [[PreparedRequest]], perSlice: Int) {
        self.slices = slices
        self.perSlice = perSlice
        self.count = slices.reduce(0) { $0 + $1.count }
    }

    /// The positions, `0..<count`.
    var indices: Range<Int> { 0..<count }

    /// The request at `position`.
    subscript(position: Int) -> PreparedRequest {
        slices[position / perSlice][position % perSlice]
    }
}
