import CassetteKit
import Foundation

/// The classes of the acceptance corpus, grouped by what used to fail open,
/// plus the places that already held before it (the control group).
public enum PlantClass: String, CaseIterable, Sendable, Comparable {
    case baseline = "baseline (held before fail-closed redaction)"
    case tolerantJSON = "JSON a strict parser rejects"
    case textFormats = "text formats (HTML, XML, SOAP, GraphQL, multipart, form, text)"
    case encodings = "content and value encodings"
    case tokenFormats = "token formats by shape"
    case names = "secret names and places"
    case echoed = "echoed request credentials"
    case harMembers = "HAR members beyond headers and bodies"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One case of the acceptance corpus: a HAR document of one or more entries with fresh secrets
/// planted in one realistic place.
public struct PlantCase: Sendable, CustomStringConvertible, Hashable {
    /// `class-slug/place`, stable across runs (used in the known-gap lists and the summary).
    public let id: String
    public let group: PlantClass
    private let build: @Sendable (inout Planter) -> [PlantEntry]

    public init(_ id: String, _ group: PlantClass, _ build: @escaping @Sendable (inout Planter) -> [PlantEntry]) {
        self.id = id
        self.group = group
        self.build = build
    }

    public var description: String { id }

    /// The document for this case; the same seed gives the same document. In clean mode every
    /// secret is a `REDACTED_<n>` placeholder.
    public func document(seed: UInt64, clean: Bool = false) -> PlantedDocument {
        var planter = Planter(seed: PlantRandom.derive(seed, id), clean: clean)
        let entries = build(&planter)
        return PlantedDocument(har: PlantEntry.document(entries), needles: planter.needles, formats: planter.formats)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Small builders the corpus cases share.
public enum Plant {
    /// A GET whose response body is `format` holding `value` under `key`, stored in `encoding`.
    public static func response(
        _ format: PlantBodyFormat, key: String, value: String, encoding: PlantBodyEncoding = .identity,
        url: String = "https://api.example.com/v1/me"
    ) -> PlantEntry {
        var entry = PlantEntry()
        entry.url = url
        let body = format.render(key: key, value: value)
        encoding.apply(body.text, mimeType: body.mimeType, to: &entry)
        return entry
    }

    /// A POST whose request body is `format` holding `value` under `key` (form params filled in
    /// for forms and multipart, as devtools do).
    public static func request(_ format: PlantBodyFormat, key: String, value: String, url: String = "https://api.example.com/v1/session")
        -> PlantEntry
    {
        var entry = PlantEntry()
        entry.method = "POST"
        entry.url = url
        let body = format.render(key: key, value: value)
        var params: [(String, String)]?
        if format == .form {
            params = [("grant_type", "password"), ("username", "ada@example.com"), (key, value)]
        } else if format == .multipart {
            params = [("username", "ada"), (key, value)]
        }
        entry.requestHeaders.append(("Content-Type", body.mimeType))
        entry.requestBody = (body.mimeType, body.text, params)
        return entry
    }

    /// A GET of `url` with a clean JSON response.
    public static func get(_ url: String, headers: [(String, String)] = []) -> PlantEntry {
        var entry = PlantEntry()
        entry.url = url
        entry.requestHeaders += headers
        entry.responseText = #"{"data":{"id":"8d1f6c2e","type":"user"}}"#
        return entry
    }

    /// A GET with a clean JSON response and extra response headers.
    public static func withResponseHeaders(_ headers: [(String, String)], status: Int = 200, statusText: String = "OK") -> PlantEntry {
        var entry = get("https://api.example.com/v1/me")
        entry.status = status
        entry.statusText = statusText
        for (name, value) in headers { entry.responseHeaders.append((name, value)) }
        return entry
    }

    /// A response whose body is exactly `json`.
    public static func json(_ json: String, status: Int = 200, url: String = "https://api.example.com/v1/me") -> PlantEntry {
        var entry = PlantEntry()
        entry.url = url
        entry.status = status
        entry.statusText = status == 200 ? "OK" : "Unauthorized"
        entry.responseText = json
        return entry
    }

    /// `text` as a JSON string literal (quotes included).
    public static func quoted(_ text: String) -> String { JSONSerializer.string(.string(text)) }
}
