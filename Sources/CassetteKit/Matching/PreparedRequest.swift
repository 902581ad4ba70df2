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
        if let simple = URLParts(simple: url) {
            self = simple
            return
        }
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

    /// The fast path for the URLs cassettes are full of (`https://host[:port]/path?a=b&c=d`):
    /// split by hand, with the same results as `URLComponents`. `nil` for anything less plain
    /// (user info, IPv6 hosts, fragments, empty query items, unusual bytes), which takes the
    /// `URLComponents` path.
    init?(simple url: String) {
        var utf8 = url.utf8[...]
        guard let schemeEnd = utf8.firstIndex(of: UInt8(ascii: ":")), schemeEnd != utf8.startIndex else { return nil }
        let schemeBytes = utf8[..<schemeEnd]
        guard let first = schemeBytes.first, Self.isLetter(first),
            schemeBytes.allSatisfy({ Self.isLetter($0) || Self.isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        utf8 = utf8[utf8.index(after: schemeEnd)...]
        guard utf8.starts(with: "//".utf8) else { return nil }
        utf8 = utf8.dropFirst(2)
        let authorityEnd = utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? utf8.endIndex
        let authority = utf8[..<authorityEnd]
        var hostBytes = authority
        var port: Int?
        if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
            hostBytes = authority[..<colon]
            let digits = authority[authority.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(Self.isDigit) else { return nil }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard value <= 65535 else { return nil }
            port = value
        }
        guard !hostBytes.isEmpty, hostBytes.allSatisfy({ Self.isLetter($0) || Self.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        let rest = utf8[authorityEnd...]
        guard Self.isPlainPathAndQuery(rest) else { return nil }
        let queryStart = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        let pathBytes = rest[..<queryStart]
        var query: [HAR.NameValue] = []
        if queryStart != rest.endIndex {
            let queryBytes = rest[rest.index(after: queryStart)...]
            guard !queryBytes.isEmpty else { return nil }
            for item in queryBytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
                guard !item.isEmpty else { return nil }
                let equals = item.firstIndex(of: UInt8(ascii: "="))
                let name = String(decoding: item[..<(equals ?? item.endIndex)], as: UTF8.self)
                let value = equals.map { String(decoding: item[item.index(after: $0)...], as: UTF8.self) } ?? ""
                query.append(HAR.NameValue(
                    name: Self.percentDecoded(name), value: Self.percentDecoded(value)))
            }
        }
        scheme = String(decoding: schemeBytes, as: UTF8.self).lowercased()
        host = String(decoding: hostBytes, as: UTF8.self).lowercased()
        self.port = port ?? URLParts.defaultPort(for: scheme)
        path = pathBytes.isEmpty ? "/" : String(decoding: pathBytes, as: UTF8.self)
        self.query = query
    }

    /// Every byte plain (see ``isPlainURLByte(_:)``), and every `%` followed by two hex digits.
    private static func isPlainPathAndQuery(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                var digits = 0
                var probe = bytes.index(after: index)
                while digits < 2, probe != bytes.endIndex, LookAlike.isHexDigit(bytes[probe]) {
                    digits += 1
                    probe = bytes.index(after: probe)
                }
                guard digits == 2 else { return false }
                index = probe
                continue
            }
            guard isPlainURLByte(byte) else { return false }
            index = bytes.index(after: index)
        }
        return true
    }

    private static func percentDecoded(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "%")) ? (text.removingPercentEncoding ?? text) : text
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Path and query bytes `URLComponents` keeps as written: unreserved, sub-delimiters, `:`,
    /// `/`, `?` and well-formed-looking `%`. Anything else (fragments, spaces, `@`, brackets,
    /// non-ASCII) goes to `URLComponents`.
    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        if isLetter(byte) || isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"):
            return true
        default:
            return false
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
