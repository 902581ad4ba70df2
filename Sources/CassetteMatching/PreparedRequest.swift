import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction
public import Foundation

/// A `HAR/Request` with the parts matchers compare already taken apart: method, scheme,
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
        method = PreparedRequest.upperCased(request.method)
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

    /// The method in upper case; the string itself when it is already (nearly always).
    private static func upperCased(_ method: String) -> String {
        method.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= 0x80 } ? method.uppercased() : method
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
    private init() {}

    init?(simple url: String) {
        var url = url
        guard let parts = url.withUTF8({ URLParts.splitSimple($0) }) else { return nil }
        self = parts
    }

    /// ``init(simple:)`` over the URL's contiguous UTF-8 bytes, with integer offsets.
    private static func splitSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> URLParts? {
        let count = bytes.count
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        func lowercasedText(_ range: Range<Int>) -> String {
            // Hosts and schemes are nearly always lower case already: no copy then.
            guard bytes[range].contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text(range) }
            return String(decoding: bytes[range].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
        }
        // scheme ":" "//"
        var index = 0
        guard count > 0, isLetter(bytes[0]) else { return nil }
        while index < count,
            isLetter(bytes[index]) || isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "+")
                || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ".")
        {
            index += 1
        }
        let schemeEnd = index
        guard index + 3 <= count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
            bytes[index + 2] == UInt8(ascii: "/")
        else { return nil }
        index += 3
        // host [":" port]
        let hostStart = index
        while index < count,
            isLetter(bytes[index]) || isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "-")
                || bytes[index] == UInt8(ascii: ".")
        {
            index += 1
        }
        let hostEnd = index
        guard hostEnd > hostStart else { return nil }
        var port: Int?
        if index < count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            let digitsStart = index
            var value = 0
            while index < count, isDigit(bytes[index]), index - digitsStart < 6 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            guard index > digitsStart, index - digitsStart <= 5, value <= 65535 else { return nil }
            port = value
        }
        guard index == count || bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: "?") else { return nil }
        // path ["?" query], plain bytes only
        let pathStart = index
        var queryStart = count
        var probe = index
        while probe < count {
            let byte = bytes[probe]
            if byte == UInt8(ascii: "%") {
                guard probe + 2 < count, ASCIIText.isHexDigit(bytes[probe + 1]), ASCIIText.isHexDigit(bytes[probe + 2]) else { return nil }
                probe += 3
                continue
            }
            guard isPlainURLByte(byte) else { return nil }
            if byte == UInt8(ascii: "?"), queryStart == count { queryStart = probe }
            probe += 1
        }
        var query: [HAR.NameValue] = []
        if queryStart < count {
            guard queryStart + 1 < count else { return nil }
            var itemStart = queryStart + 1
            while itemStart <= count {
                var itemEnd = itemStart
                while itemEnd < count, bytes[itemEnd] != UInt8(ascii: "&") { itemEnd += 1 }
                guard itemEnd > itemStart else { return nil }
                var equals = itemStart
                while equals < itemEnd, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                let name = text(itemStart..<equals)
                let value = equals < itemEnd ? text((equals + 1)..<itemEnd) : ""
                query.append(HAR.NameValue(name: percentDecoded(name), value: percentDecoded(value)))
                itemStart = itemEnd + 1
            }
        }
        var parts = URLParts()
        parts.scheme = lowercasedText(0..<schemeEnd)
        parts.host = lowercasedText(hostStart..<hostEnd)
        parts.port = port ?? defaultPort(for: parts.scheme)
        parts.path = queryStart > pathStart ? text(pathStart..<queryStart) : "/"
        parts.query = query
        return parts
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
