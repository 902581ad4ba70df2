import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
import Foundation

extension RequestMatcher {
    /// The named headers (case-insensitive names; repeated headers joined with `, `). A header
    /// absent on both sides is equal; a placeholder in the recorded value matches any token in
    /// its place (`Bearer REDACTED_1` matches `Bearer <any token>`).
    public static func headers(_ names: [String]) -> RequestMatcher {
        RequestMatcher(
            name: "headers(\(names.map(SafeDisplay.name).joined(separator: ", ")))", index: [],
            matches: { recorded, incoming in
                names.allSatisfy { name in
                    switch (headerValue(name, in: recorded.har.headers), headerValue(name, in: incoming.har.headers)) {
                    case (nil, nil): return true
                    case (let a?, let b?): return PlaceholderEquality.matches(recorded: a, incoming: b)
                    default: return false
                    }
                }
            }
        ) { recorded, incoming in
            var differing: [String] = []
            var differences: [String] = []
            for name in names {
                let a = headerValue(name, in: recorded.har.headers)
                let b = headerValue(name, in: incoming.har.headers)
                let equal: Bool
                switch (a, b) {
                case (nil, nil): equal = true
                case (let a?, let b?): equal = PlaceholderEquality.matches(recorded: a, incoming: b)
                default: equal = false
                }
                if !equal {
                    let shownName = SafeDisplay.name(name)
                    differing.append(shownName)
                    differences.append("- recorded: \(shownName): \(a.map { SafeDisplay.header(name: name, value: $0) } ?? "(absent)")")
                    differences.append("+ request:  \(shownName): \(b.map { SafeDisplay.header(name: name, value: $0) } ?? "(absent)")")
                }
            }
            if differing.isEmpty { return .match("headers \(names.map(SafeDisplay.name).joined(separator: ", ")) equal") }
            return .mismatch(
                "header\(differing.count == 1 ? "" : "s") \(differing.joined(separator: ", ")) differ\(differing.count == 1 ? "s" : "")",
                differences: differences,
                distance: Double(differing.count) / Double(Swift.max(names.count, 1)))
        }
    }

    /// The body as JSON, semantically: member order ignored, numbers by value, placeholders
    /// alike. No body on either side is equal; a body that is not JSON fails with that reason.
    public static var jsonBody: RequestMatcher {
        RequestMatcher(
            name: "jsonBody", index: [],
            matches: { recorded, incoming in
                if recorded.body.isEmpty || incoming.body.isEmpty { return recorded.body.isEmpty && incoming.body.isEmpty }
                guard let a = recorded.json, let b = incoming.json else { return false }
                return JSONDifference.matches(recorded: a, request: b)
            }
        ) { recorded, incoming in
            switch (recorded.body.isEmpty, incoming.body.isEmpty) {
            case (true, true): return .match("no body on either side")
            case (false, true): return .mismatch("the request has no body; the recorded one has \(recorded.body.count) bytes")
            case (true, false): return .mismatch("the recorded request has no body; this one has \(incoming.body.count) bytes")
            case (false, false): break
            }
            guard let a = recorded.json else { return .mismatch("the recorded body is not JSON") }
            guard let b = incoming.json else { return .mismatch("the request body is not JSON") }
            if JSONDifference.matches(recorded: a, request: b) { return .match("JSON bodies equal") }
            let lines = JSONDifference.lines(recorded: a, request: b)
            let leaves = Double(Swift.max(JSONDifference.leafCount(a), JSONDifference.leafCount(b)))
            return .mismatch(
                "JSON bodies differ at \(lines.count) place\(lines.count == 1 ? "" : "s")",
                differences: lines, distance: Swift.min(1, Double(lines.count) / leaves))
        }
    }

    /// The body bytes exactly (textual bodies: a recorded placeholder matches any token).
    public static var rawBody: RequestMatcher {
        RequestMatcher(name: "rawBody", index: [], matches: rawBodiesMatch) { recorded, incoming in
            if recorded.body == incoming.body {
                return .match(incoming.body.isEmpty ? "no body on either side" : "bodies equal (\(incoming.body.count) bytes)")
            }
            if rawBodiesMatch(recorded, incoming) { return .match("bodies equal up to placeholders") }
            let offset = zip(recorded.body, incoming.body).prefix { $0 == $1 }.count
            var differences = ["- recorded: \(recorded.body.count) bytes", "+ request:  \(incoming.body.count) bytes"]
            if let a = recorded.json, let b = incoming.json {
                differences += JSONDifference.lines(recorded: a, request: b)
            } else if isForm(recorded), isForm(incoming) {
                let diff = compareQueries(formPairs(recorded.body), formPairs(incoming.body))
                differences += diff.differences
            }
            let longest = Double(Swift.max(recorded.body.count, incoming.body.count, 1))
            return .mismatch(
                "bodies differ from byte \(offset) (recorded \(recorded.body.count) bytes, request \(incoming.body.count))",
                differences: differences, distance: Swift.max(0.05, 1 - Double(offset) / longest))
        }
    }

    private static func rawBodiesMatch(_ recorded: PreparedRequest, _ incoming: PreparedRequest) -> Bool {
        if recorded.body == incoming.body { return true }
        guard let a = String(data: recorded.body, encoding: .utf8), let b = String(data: incoming.body, encoding: .utf8)
        else { return false }
        return PlaceholderEquality.matches(recorded: a, incoming: b)
    }

    static func headerValue(_ name: String, in headers: [HAR.NameValue]) -> String? {
        let values = headers.filter { HAR.NameValue.sameName($0.name, name) }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    private static func isForm(_ request: PreparedRequest) -> Bool {
        (request.har.postData?.mimeType.lowercased() ?? "").hasPrefix("application/x-www-form-urlencoded")
    }

    private static func formPairs(_ body: Data) -> [HAR.NameValue] {
        URLParts("x:/?" + String(decoding: body, as: UTF8.self)).query
    }
}
