import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction

/// Compares a fresh recording with the cassette already on disk, ignoring what changes on every
/// call by nature (timestamps, durations, the `Date` header), and describes differences by place
/// (JSON pointers, header names), never by value.
public enum CassetteComparison {
    /// Response and request headers whose values are timestamps.
    static let timestampHeaders: Set<String> = ["date", "age", "expires", "last-modified"]

    /// `log` with timestamps and durations blanked, for comparison.
    public static func normalized(_ log: HAR.Log) -> HAR.Log {
        var copy = log
        copy.cassette?.recordedAt = nil
        copy.creator = HAR.Creator(name: log.creator.name, version: "")
        copy.cassette?.recorder = ""
        copy.entries = log.entries.map { entry in
            var entry = entry
            entry.startedDateTime = ""
            entry.time = 0
            entry.timings = HAR.Timings()
            entry.request.headers.removeAll { timestampHeaders.contains($0.name.lowercased()) }
            entry.response.headers.removeAll { timestampHeaders.contains($0.name.lowercased()) }
            return entry
        }
        return copy
    }

    /// Whether two logs carry the same content, timestamps and durations aside.
    public static func sameContent(_ a: HAR.Log, _ b: HAR.Log) -> Bool {
        normalized(a) == normalized(b)
    }

    /// Lines describing how `new` differs from `old`: status, header names, body JSON pointers,
    /// redaction places.
    public static func changes(from old: HAR.Log, to new: HAR.Log) -> [String] {
        let a = normalized(old)
        let b = normalized(new)
        var lines: [String] = []
        if a.entries.count != b.entries.count {
            lines.append("interactions: \(a.entries.count) → \(b.entries.count)")
        }
        for (index, pair) in zip(a.entries, b.entries).enumerated() {
            let prefix = a.entries.count > 1 || b.entries.count > 1 ? "entry \(index) " : ""
            let (before, after) = pair
            if before.request.method != after.request.method || before.request.url != after.request.url {
                lines.append("\(prefix)request URL or method")
            }
            for name in headerChanges(before.request.headers, after.request.headers) {
                lines.append("\(prefix)request header \(name)")
            }
            if before.response.status != after.response.status {
                lines.append("\(prefix)status \(before.response.status) → \(after.response.status)")
            } else if before.response.statusText != after.response.statusText {
                lines.append("\(prefix)status text")
            }
            for name in headerChanges(before.response.headers, after.response.headers) {
                lines.append("\(prefix)response header \(name)")
            }
            lines += bodyChanges(before.response.content, after.response.content).map { "\(prefix)response body \($0)" }
        }
        if a.cassette?.redaction != b.cassette?.redaction {
            lines.append("redacted places")
        }
        if a.cassette?.baseURL != b.cassette?.baseURL || a.cassette?.source != b.cassette?.source
            || a.cassette?.provider != b.cassette?.provider
        {
            lines.append("metadata (_cassette provider, source or baseURL)")
        }
        if lines.isEmpty { lines.append("format details") }
        return lines
    }

    private static func headerChanges(_ old: [HAR.NameValue], _ new: [HAR.NameValue]) -> [String] {
        var names: [String] = []
        let all = (old + new).map { $0.name.lowercased() }
        for name in all where !names.contains(name) {
            let before = old.filter { $0.name.lowercased() == name }.map(\.value)
            let after = new.filter { $0.name.lowercased() == name }.map(\.value)
            if before != after { names.append(name) }
        }
        return names.map { name in
            (new + old).first { $0.name.lowercased() == name }?.name ?? name
        }
    }

    private static func bodyChanges(_ old: HAR.Content, _ new: HAR.Content) -> [String] {
        if old == new { return [] }
        guard BodyEncoding.isJSON(mimeType: old.mimeType), BodyEncoding.isJSON(mimeType: new.mimeType),
            let oldText = old.text, let newText = new.text,
            let oldJSON = try? JSONParser.parse(oldText), let newJSON = try? JSONParser.parse(newText)
        else {
            return old.mimeType != new.mimeType ? ["media type"] : ["(not JSON) content"]
        }
        var pointers: [String] = []
        diff(oldJSON, newJSON, at: .root, into: &pointers)
        if pointers.isEmpty { return ["formatting"] }
        let limit = 20
        return pointers.count > limit ? Array(pointers.prefix(limit)) + ["… and \(pointers.count - limit) more"] : pointers
    }

    private static func diff(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer, into pointers: inout [String]) {
        let place = pointer.description.isEmpty ? "/" : pointer.description
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for member in left.members {
                if let other = right[member.key] {
                    diff(member.value, other, at: pointer.appending(member.key), into: &pointers)
                } else {
                    pointers.append("\(pointer.appending(member.key)) removed")
                }
            }
            for member in right.members where left[member.key] == nil {
                pointers.append("\(pointer.appending(member.key)) added")
            }
        case (.array(let left), .array(let right)):
            for (index, pair) in zip(left, right).enumerated() {
                diff(pair.0, pair.1, at: pointer.appending(index), into: &pointers)
            }
            if left.count != right.count { pointers.append("\(place) length \(left.count) → \(right.count)") }
        default:
            if !a.isSemanticallyEqual(to: b) { pointers.append("\(place) changed") }
        }
    }
}
