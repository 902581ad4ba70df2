import Foundation

/// A ``HAR/Request`` with the parts matchers compare already taken apart: method, scheme,
/// host, port, path, decoded query and body. Prepared once per recorded interaction when a
/// cassette is loaded, and once per incoming request, so that matching a request against a
/// large cassette does not parse every URL again.
public struct PreparedRequest: Sendable, Hashable {
    /// The request as recorded or received.
    public let har: HAR.Request
    /// Upper-case method (`GET`).
    public let method: String
    /// Lower-case scheme (`https`), empty when the URL has none.
    public let scheme: String
    /// Lower-case host, empty when the URL has none.
    public let host: String
    /// The port, explicit or the scheme's default (443 for https, 80 for http).
    public let port: Int?
    /// Host and port as compared: `api.example.com`, or `api.example.com:8443` when the port
    /// is not the scheme's default.
    public let authority: String
    /// The percent-encoded path, `/` when empty.
    public let path: String
    /// The query parameters, percent-decoded, in their original order.
    public let query: [HAR.NameValue]
    /// The body bytes; empty when there is none.
    public let body: Data
    /// The body parsed as JSON, when it is JSON.
    public let json: JSONValue?

    /// Takes a request apart.
    public init(_ request: HAR.Request) {
        har = request
        method = request.method.uppercased()
        let parts = URLParts(request.url)
        scheme = parts.scheme
        host = parts.host
        port = parts.port
        path = parts.path
        query = parts.query
        let defaultPort = URLParts.defaultPort(for: parts.scheme)
        if let port = parts.port, port != defaultPort {
            authority = "\(parts.host):\(port)"
        } else {
            authority = parts.host
        }
        body = request.postData?.bodyData ?? Data()
        json = PreparedRequest.parseJSON(body, mimeType: request.postData?.mimeType)
    }

    /// Scheme, host and non-default port, for display (`https://api.example.com:8443`).
    public var origin: String {
        let defaultPort = URLParts.defaultPort(for: scheme)
        let portPart = port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(portPart)"
    }

    private static func parseJSON(_ body: Data, mimeType: String?) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        let looksLikeJSON = mimeType.map(BodyEncoding.isJSON(mimeType:)) ?? false
        let firstByte = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard looksLikeJSON || firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") else { return nil }
        return try? JSONParser.parse(body)
    }
}

/// The parts of a URL string, tolerant of strings `URLComponents` refuses.
struct URLParts {
    var scheme = ""
    var host = ""
    var port: Int?
    var path = "/"
    var query: [HAR.NameValue] = []

    init(_ url: String) {
        if let components = URLComponents(string: url) {
            scheme = components.scheme?.lowercased() ?? ""
            host = components.host?.lowercased() ?? ""
            port = components.port ?? URLParts.defaultPort(for: scheme)
            path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            query = (components.percentEncodedQueryItems ?? []).map {
                HAR.NameValue(
                    name: $0.name.removingPercentEncoding ?? $0.name,
                    value: $0.value.map { $0.removingPercentEncoding ?? $0 } ?? "")
            }
            return
        }
        // Fallback for strings URLComponents rejects: split by hand.
        var rest = Substring(url)
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        host = rest[..<pathStart].lowercased()
        port = URLParts.defaultPort(for: scheme)
        rest = rest[pathStart...]
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        path = rest[..<queryStart].isEmpty ? "/" : String(rest[..<queryStart])
        if queryStart < rest.endIndex {
            query = rest[rest.index(after: queryStart)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return HAR.NameValue(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
            }
        }
    }

    static func defaultPort(for scheme: String) -> Int? {
        switch scheme {
        case "https", "wss": return 443
        case "http", "ws": return 80
        default: return nil
        }
    }
}
