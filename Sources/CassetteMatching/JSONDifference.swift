import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// The places where two JSON values differ, as report lines (`/user/name: recorded "a", request
/// "b"`), for the body matchers' diffs. Pointers and values go through `SafeDisplay`: values
/// under secret-looking member names, secret-looking values and member names are hidden.
public enum JSONDifference {
    /// Whether `request` equals `recorded` semantically: member order ignored, numbers by value,
    /// and a recorded string holding a placeholder matching any token in its place (see
    /// ``PlaceholderEquality/matches(recorded:incoming:)``). Builds no text: the fast check.
    public static func matches(recorded: JSONValue, request: JSONValue) -> Bool {
        switch (recorded, request) {
        case (.string(let a), .string(let b)): return PlaceholderEquality.matches(recorded: a, incoming: b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches(recorded: $0, request: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for member in a.members {
                guard let counterpart = b[member.key], matches(recorded: member.value, request: counterpart) else {
                    return false
                }
            }
            return true
        default: return recorded.isSemanticallyEqual(to: request)
        }
    }

    /// At most `limit` lines describing how `request` differs from `recorded`; empty when
    /// ``matches(recorded:request:)`` holds.
    public static func lines(recorded: JSONValue, request: JSONValue, limit: Int = 12) -> [String] {
        var output: [String] = []
        var total = 0
        walk(recorded, request, pointer: .root, name: "", output: &output, total: &total, limit: limit)
        if total > output.count { output.append("… and \(total - output.count) more differences") }
        return output
    }

    /// The number of leaves (scalars, empty containers) in a value, to scale a distance.
    public static func leafCount(_ value: JSONValue) -> Int {
        switch value {
        case .array(let items): return items.isEmpty ? 1 : items.reduce(0) { $0 + leafCount($1) }
        case .object(let object): return object.isEmpty ? 1 : object.members.reduce(0) { $0 + leafCount($1.value) }
        default: return 1
        }
    }

    private static func walk(
        _ a: JSONValue, _ b: JSONValue, pointer: JSONPointer, name: String,
        output: inout [String], total: inout Int, limit: Int
    ) {
        func note(_ line: String) {
            total += 1
            if output.count < limit { output.append(line) }
        }
        let place = pointer.tokens.isEmpty ? "/" : SafeDisplay.pointer(pointer)
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for member in left.members {
                if let counterpart = right[member.key] {
                    walk(
                        member.value, counterpart, pointer: pointer.appending(member.key), name: member.key,
                        output: &output, total: &total, limit: limit)
                } else {
                    note(
                        "\(SafeDisplay.pointer(pointer.appending(member.key))): only in recorded (\(SafeDisplay.json(member.value, name: member.key)))"
                    )
                }
            }
            for member in right.members where left[member.key] == nil {
                note(
                    "\(SafeDisplay.pointer(pointer.appending(member.key))): only in request (\(SafeDisplay.json(member.value, name: member.key)))"
                )
            }
        case (.array(let left), .array(let right)):
            for (index, pair) in zip(left, right).enumerated() {
                walk(pair.0, pair.1, pointer: pointer.appending(index), name: name, output: &output, total: &total, limit: limit)
            }
            if left.count != right.count {
                note("\(place): recorded has \(left.count) items, request \(right.count)")
            }
        default:
            if !matches(recorded: a, request: b) {
                note("\(place): recorded \(SafeDisplay.json(a, name: name)), request \(SafeDisplay.json(b, name: name))")
            }
        }
    }
}
