import CassetteKit
import Foundation

/// Builds cassette entries from the pieces every foreign format has (method, URL, headers,
/// bodies, status), the way the recorder stores them: query and cookies split out, a gzip- or
/// deflate-encoded response body decoded and its `Content-Encoding`/`Content-Length` headers
/// made consistent, text bodies stored as text and binary bodies as base64.
struct InteractionBuilder {
    /// Decoded bodies larger than this are refused (a foreign file may carry a gzip bomb).
    var bodyLimit = GzipCodec.defaultDecompressionLimit

    struct Parts {
        var method: String
        var url: String
        var requestHeaders: [HAR.NameValue]
        var requestBody: Data?
        var status: Int
        var statusText: String
        var httpVersion: String = "HTTP/1.1"
        var responseHeaders: [HAR.NameValue]
        var responseBody: Data
        var startedDateTime: String
    }

    /// One entry; `where` names the interaction in error messages.
    func entry(_ parts: Parts, path: String, where location: String) throws(ImportError) -> HAR.Entry {
        var responseHeaders = parts.responseHeaders
        var body = parts.responseBody
        if let coding = HAR.NameValue.first("Content-Encoding", in: responseHeaders)?.lowercased(), !body.isEmpty {
            body = try decode(body, coding: coding, path: path, location: location)
            responseHeaders.set("Content-Encoding", to: nil)
            if HAR.NameValue.first("Content-Length", in: responseHeaders) != nil {
                responseHeaders.set("Content-Length", to: String(body.count))
            }
        }
        let responseType = HAR.NameValue.first("Content-Type", in: responseHeaders) ?? ""
        let requestType = HAR.NameValue.first("Content-Type", in: parts.requestHeaders) ?? ""
        let postData = parts.requestBody.flatMap { $0.isEmpty ? nil : HAR.PostData(body: $0, mimeType: requestType) }
        let request = HAR.Request(
            method: parts.method.uppercased(), url: parts.url, httpVersion: parts.httpVersion,
            cookies: Self.requestCookies(parts.requestHeaders), headers: parts.requestHeaders,
            queryString: Self.queryItems(parts.url), postData: postData,
            headersSize: -1, bodySize: parts.requestBody?.count ?? 0)
        let response = HAR.Response(
            status: parts.status, statusText: parts.statusText, httpVersion: parts.httpVersion,
            cookies: Self.responseCookies(responseHeaders), headers: responseHeaders,
            content: HAR.Content(body: body, mimeType: responseType),
            redirectURL: HAR.NameValue.first("Location", in: responseHeaders) ?? "",
            headersSize: -1, bodySize: body.count)
        return HAR.Entry(
            startedDateTime: parts.startedDateTime, time: 0, request: request, response: response,
            timings: HAR.Timings())
    }

    /// Decodes a response body by its `Content-Encoding`.
    func decode(_ body: Data, coding: String, path: String, location: String) throws(ImportError) -> Data {
        let container: GzipCodec.Container
        switch coding {
        case "gzip", "x-gzip": container = .gzip
        case "deflate": container = .deflate
        case "identity": return body
        default:
            throw ImportError(
                path: path, problem: "\(location): response body has Content-Encoding \(coding), which cassettes cannot decode",
                nextStep: "Re-record without that encoding (send Accept-Encoding: gzip).")
        }
        do {
            return try GzipCodec.decompress(body, container: container, limit: bodyLimit)
        } catch {
            throw ImportError(
                path: path, problem: "\(location): the \(coding) response body cannot be decoded (\(error.description))",
                nextStep: "The file is damaged or truncated; export it again from the tool that wrote it.")
        }
    }

    /// Query parameters of a URL, in order, percent-decoded.
    static func queryItems(_ url: String) -> [HAR.NameValue] {
        guard let components = URLComponents(string: url), let items = components.queryItems else { return [] }
        return items.map { HAR.NameValue(name: $0.name, value: $0.value ?? "") }
    }

    /// Cookies of the `Cookie` request headers.
    static func requestCookies(_ headers: [HAR.NameValue]) -> [HAR.Cookie] {
        headers.filter { $0.name.lowercased() == "cookie" }.flatMap { header in
            header.value.split(separator: ";").compactMap { pair -> HAR.Cookie? in
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { return nil }
                return HAR.Cookie(name: String(trimmed[..<equals]), value: String(trimmed[trimmed.index(after: equals)...]))
            }
        }
    }

    /// Cookies of the `Set-Cookie` response headers, with their attributes.
    static func responseCookies(_ headers: [HAR.NameValue]) -> [HAR.Cookie] {
        headers.filter { $0.name.lowercased() == "set-cookie" }.compactMap { header in
            let parts = header.value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
            var cookie = HAR.Cookie(name: String(first[..<equals]), value: String(first[first.index(after: equals)...]))
            for attribute in parts.dropFirst() {
                let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                let value = pieces.count > 1 ? pieces[1] : nil
                switch pieces[0].lowercased() {
                case "path": cookie.path = value
                case "domain": cookie.domain = value
                case "expires": cookie.expires = value
                case "httponly": cookie.httpOnly = true
                case "secure": cookie.secure = true
                case "samesite": cookie.sameSite = value
                default: break
                }
            }
            return cookie
        }
    }
}
