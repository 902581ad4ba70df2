import CassetteKit
import Foundation

/// Builds cassette entries from the pieces every foreign format has (method, URL, headers,
/// bodies, status), the way the recorder stores them: query and cookies split out, a gzip- or
/// deflate-encoded response body decoded and its `Content-Encoding`/`Content-Length` headers
/// made consistent, text bodies stored as text and binary bodies as base64.
struct InteractionBuilder {
    /// Decoded bodies larger than this are refused (a foreign file may carry a gzip bomb).
    var bodyLimit = GzipCodec.defaultDecompressionLimit
    /// The budget of the file being read: all its bodies' decompression draws from it, so many
    /// small bombs stop at the file's total.
    var budget: ReadBudget?

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
        let request = HAR.Request.incoming(
            method: parts.method, url: parts.url, headers: parts.requestHeaders, body: parts.requestBody,
            httpVersion: parts.httpVersion)
        let response = HAR.Response(
            status: parts.status, statusText: parts.statusText, httpVersion: parts.httpVersion,
            cookies: responseHeaders.filter { $0.name.lowercased() == "set-cookie" }.compactMap { HAR.Cookie(setCookieHeader: $0.value) },
            headers: responseHeaders,
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
            return try GzipCodec.decompress(body, container: container, budget: budget ?? ReadBudget(for: path), limit: bodyLimit)
        } catch {
            if case .budgetExceeded(let refusal) = error {
                throw ImportError(
                    path: path,
                    problem: "\(location): decoding the \(coding) response body would pass the file's budget (\(refusal.description))",
                    nextStep: "Split the capture into smaller files; import only files you trust.")
            }
            throw ImportError(
                path: path, problem: "\(location): the \(coding) response body cannot be decoded (\(error.description))",
                nextStep: "The file is damaged or truncated; export it again from the tool that wrote it.")
        }
    }
}
