/// A cassette's interactions, prepared for matching and grouped by the request parts every
/// matcher in force requires to be equal (method, host, path): a request is only compared with
/// the interactions of its own group, plus those whose key holds a placeholder.
///
/// Immutable; a ``CassettePlayer`` swaps in a new one when recording appends interactions.
final class InteractionIndex: Sendable {
    let log: HAR.Log
    let prepared: [PreparedRequest]
    let parts: IndexParts
    /// Interaction positions by key, in recorded order.
    let groups: [String: [Int]]
    /// Interactions whose key parts hold a placeholder: candidates for every request.
    let everywhere: [Int]

    init(log: HAR.Log, parts: IndexParts) {
        self.log = log
        self.parts = parts
        let prepared = log.entries.map { PreparedRequest($0.request) }
        self.prepared = prepared
        var groups: [String: [Int]] = [:]
        var everywhere: [Int] = []
        if !parts.isEmpty {
            for (position, request) in prepared.enumerated() {
                if parts.contains(.path) && PlaceholderEquality.containsPlaceholder(request.path)
                    || parts.contains(.host) && PlaceholderEquality.containsPlaceholder(request.authority)
                {
                    everywhere.append(position)
                } else {
                    groups[Self.key(request, parts: parts), default: []].append(position)
                }
            }
        }
        self.groups = groups
        self.everywhere = everywhere
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

    /// The grouping key of a request.
    func key(_ request: PreparedRequest) -> String {
        Self.key(request, parts: parts)
    }

    private static func key(_ request: PreparedRequest, parts: IndexParts) -> String {
        var key = ""
        if parts.contains(.method) { key += request.method }
        key += " "
        if parts.contains(.host) { key += request.authority }
        key += " "
        if parts.contains(.path) { key += request.path }
        return key
    }
}
