import CassetteAudit
package import CassetteFormat
import CassetteProviders
import CassetteRedaction
package import Foundation

#if canImport(FoundationNetworking)
    package import FoundationNetworking
#endif

/// The response stage of the recording pipeline: what came back, as HAR, with its body decoded
/// (gzip/deflate) and its headers made consistent with the stored body.
package enum RecordedExchange {
    /// The HAR response for what came back. `Content-Encoding` is removed once the body is
    /// decoded; `Content-Length` is the stored length.
    package static func response(_ http: HTTPURLResponse, body raw: Data) -> HAR.Response {
        var headers = http.allHeaderFields.compactMap { key, value -> HAR.NameValue? in
            guard let name = key as? String else { return nil }
            return HAR.NameValue(name: name, value: "\(value)")
        }.sorted { ($0.name.lowercased(), $0.value) < ($1.name.lowercased(), $1.value) }
        let body = decoded(raw, encoding: headers.value(named: "Content-Encoding"))
        headers.set("Content-Encoding", to: nil)
        if headers.value(named: "Content-Length") != nil { headers.set("Content-Length", to: String(body.count)) }
        let mimeType = headers.value(named: "Content-Type") ?? ""
        let cookies = headers.filter { $0.name.caseInsensitiveCompare("Set-Cookie") == .orderedSame }.compactMap {
            HAR.Cookie(setCookieHeader: $0.value)
        }
        return HAR.Response(
            status: http.statusCode, statusText: reasonPhrase(http.statusCode),
            cookies: cookies, headers: headers, content: HAR.Content(body: body, mimeType: mimeType), bodySize: body.count)
    }

    /// The standard reason phrase of a status (`OK`, `Unauthorized`); URL loading does not expose
    /// the server's own.
    static func reasonPhrase(_ status: Int) -> String {
        let known: [Int: String] = [
            200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found",
            304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
            401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
            422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return known[status] ?? HTTPURLResponse.localizedString(forStatusCode: status).capitalized
    }

    /// Decodes a gzip or deflate body. URL loading usually decoded it already, so bytes that are
    /// not compressed are returned as they are.
    static func decoded(_ body: Data, encoding: String?) -> Data {
        guard let encoding = encoding?.lowercased().trimmingCharacters(in: .whitespaces) else { return body }
        if encoding.contains("gzip"), GzipCodec.isGzip(body), let plain = try? GzipCodec.decompress(body, container: .gzip) {
            return plain
        }
        if encoding.contains("deflate"), let plain = try? GzipCodec.decompress(body, container: .deflate) {
            return plain
        }
        return body
    }
}
