import CassetteAudit
public import CassetteFormat
import CassetteProviders
import CassetteRedaction
public import Foundation

extension HAR.Request {
    /// A HAR request for a live request, as the URL protocol, `cassette serve` and
    /// `cassette match` see one: the query string taken from the URL, cookies from the `Cookie`
    /// header, and the body stored with the `Content-Type` header's media type.
    public static func incoming(
        method: String, url: String, headers: [HAR.NameValue] = [], body: Data? = nil, httpVersion: String = "HTTP/1.1"
    ) -> HAR.Request {
        let query = URLParts(url).query
        let cookies = (headers.value(named: "Cookie") ?? "").split(separator: ";").compactMap { part -> HAR.Cookie? in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return nil }
            return HAR.Cookie(name: pieces[0].trimmingCharacters(in: .whitespaces), value: String(pieces[1]))
        }
        var postData: HAR.PostData?
        if let body, !body.isEmpty {
            postData = HAR.PostData(body: body, mimeType: headers.value(named: "Content-Type") ?? "")
        }
        return HAR.Request(
            method: method.uppercased(), url: url, httpVersion: httpVersion, cookies: cookies, headers: headers,
            queryString: query, postData: postData, headersSize: -1, bodySize: body?.count ?? 0)
    }
}
