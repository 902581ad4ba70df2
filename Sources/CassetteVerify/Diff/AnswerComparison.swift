import CassetteKit
import CassetteSynth
import Foundation

/// Compares a live (sanitized) answer with the recorded one: status, header names, media type,
/// the JSON body's structure, and the live body against the provider's schema. Every drift
/// names a place and a kind, never a value.
enum AnswerComparison {
    /// Response headers whose presence depends on the connection or the moment, not on the API.
    static let transportHeaders: Set<String> = [
        "date", "age", "expires", "last-modified", "connection", "keep-alive", "transfer-encoding", "content-length",
        "content-encoding", "proxy-connection",
    ]
    /// How many schema error places a report lists.
    static let maxSchemaPlaces = 10

    /// The drifts from `recorded` to `live`; `schema` checks the live body when given.
    static func drifts(recorded: HAR.Entry, live: HAR.Entry, schema: CassetteConformance?) -> [Drift] {
        var drifts: [Drift] = []
        if recorded.response.status != live.response.status {
            drifts.append(Drift(.status(recorded: recorded.response.status, live: live.response.status)))
        }
        drifts += headerDrifts(recorded.response.headers, live.response.headers)
        let recordedType = mediaType(recorded.response.content.mimeType)
        let liveType = mediaType(live.response.content.mimeType)
        if recordedType != liveType {
            drifts.append(
                Drift(.mediaType(recorded: recordedType.isEmpty ? "none" : recordedType, live: liveType.isEmpty ? "none" : liveType)))
        }
        var schemaDrifts: [Drift] = []
        var enumPlaces: [String] = []
        if let schema {
            let result = schema.check(live, index: 0)
            switch result.outcome {
            case .invalid(let errors):
                enumPlaces = unique(
                    errors.filter { ["enum", "const"].contains($0.schemaLocation.lastToken ?? "") }.map(\.instanceLocation.description))
                let places = unique(errors.map(\.instanceLocation.description))
                schemaDrifts.append(Drift(.schema(errors: errors.count, pointers: Array(places.prefix(maxSchemaPlaces)))))
            case .unparsable:
                schemaDrifts.append(Drift(.schema(errors: 1, pointers: [""])))
            case .valid, .skipped:
                break
            }
        }
        if let before = json(recorded.response.content), let after = json(live.response.content) {
            var body = StructuralDiff.changes(recorded: before, live: after, constants: schema == nil)
            for place in enumPlaces where !body.contains(Drift(.newEnumValue(pointer: place))) {
                body.append(Drift(.newEnumValue(pointer: place)))
            }
            drifts += body
        } else if recordedType == liveType, BodyEncoding.isJSON(mimeType: liveType), json(live.response.content) == nil,
            json(recorded.response.content) != nil
        {
            drifts.append(Drift(.typeChanged(pointer: "", recorded: "JSON", live: "not JSON")))
        }
        return drifts + schemaDrifts
    }

    /// Headers present on one side only, by name (case-insensitive), transport headers aside.
    static func headerDrifts(_ recorded: [HAR.NameValue], _ live: [HAR.NameValue]) -> [Drift] {
        func names(_ headers: [HAR.NameValue]) -> [(key: String, name: String)] {
            var seen: Set<String> = []
            return headers.compactMap { header in
                let key = header.name.lowercased()
                guard !transportHeaders.contains(key), seen.insert(key).inserted else { return nil }
                return (key, header.name)
            }
        }
        let before = names(recorded)
        let after = names(live)
        let beforeKeys = Set(before.map(\.key))
        let afterKeys = Set(after.map(\.key))
        return before.filter { !afterKeys.contains($0.key) }.map { Drift(.headerRemoved(name: $0.name)) }
            + after.filter { !beforeKeys.contains($0.key) }.map { Drift(.headerAdded(name: $0.name)) }
    }

    /// `application/json` from `application/json; charset=utf-8`.
    static func mediaType(_ mimeType: String) -> String {
        (mimeType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) ?? ""
    }

    /// The body as JSON, when it is labelled JSON (or unlabelled) and parses.
    static func json(_ content: HAR.Content) -> JSONValue? {
        guard BodyEncoding.isJSON(mimeType: content.mimeType) || content.mimeType.isEmpty,
            let data = content.bodyData, !data.isEmpty
        else { return nil }
        return try? JSONParser.parse(data)
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
