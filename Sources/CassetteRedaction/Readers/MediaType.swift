import CassetteFormat

/// A `Content-Type` value taken apart (`multipart/form-data; boundary=x` → type, subtype,
/// parameters), and the reader that body redaction uses for it.
struct MediaType: Sendable, Equatable {
    /// `application/json`, lowercased; empty when there is none.
    var essence: String
    /// Parameters by lowercased name, quotes removed.
    var parameters: [String: String]

    init(_ value: String) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        essence = parts.first.map { ASCIIText.trimmed(String($0)).lowercased() } ?? ""
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = ASCIIText.trimmed(String(part[..<equals])).lowercased()
            var parameterValue = ASCIIText.trimmed(String(part[part.index(after: equals)...]))
            if parameterValue.count >= 2, parameterValue.hasPrefix("\""), parameterValue.hasSuffix("\"") {
                parameterValue = String(parameterValue.dropFirst().dropLast())
            }
            parameters[name] = parameterValue
        }
        self.parameters = parameters
    }

    /// The readers a body can go to.
    enum Reader: Sendable, Equatable {
        /// JSON and its variants (BOM, NDJSON, XSSI prefixes, JSONP, `NaN`).
        case json
        /// `application/x-www-form-urlencoded`.
        case form
        /// `multipart/*`.
        case multipart
        /// XML (`html == false`) or HTML.
        case markup(html: Bool)
        /// `application/graphql`.
        case graphql
        /// JavaScript: JSONP or XSSI-prefixed JSON when it is that, else text.
        case javascript
        /// Other text: JSON when it is JSON, else `key=value`/`key: value` shapes and value rules.
        case text
        /// No type given: JSON or text when the bytes are text, else opaque.
        case sniff
        /// Images, audio, video, `application/octet-stream`, fonts, PDFs, protobuf, ...
        case opaque
    }

    private static let jsonTypes: Set<String> = [
        "application/json", "text/json", "application/x-json", "application/x-ndjson", "application/ndjson",
        "application/jsonl", "application/x-jsonlines", "application/jsonlines", "application/json-seq",
        "application/csp-report", "text/x-json",
    ]
    private static let javascriptTypes: Set<String> = [
        "application/javascript", "text/javascript", "application/x-javascript", "application/ecmascript",
        "text/ecmascript",
    ]

    /// The reader for this type.
    var reader: Reader {
        if essence.isEmpty { return .sniff }
        if Self.jsonTypes.contains(essence) || essence.hasSuffix("+json") { return .json }
        if essence == "application/x-www-form-urlencoded" { return .form }
        if essence.hasPrefix("multipart/") { return .multipart }
        if essence == "text/html" || essence == "application/xhtml+xml" { return .markup(html: true) }
        if essence == "application/xml" || essence == "text/xml" || essence.hasSuffix("+xml") { return .markup(html: false) }
        if essence == "application/graphql" { return .graphql }
        if Self.javascriptTypes.contains(essence) { return .javascript }
        if essence.hasPrefix("text/") { return .text }
        return .opaque
    }
}
