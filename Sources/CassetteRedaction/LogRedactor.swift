import CassetteFormat
import CassetteProviders
import Foundation

/// Walks a log in a fixed order (entries in order; request: URL, query, headers, cookies, body;
/// response: headers, cookies, body, redirect) so placeholder numbers are deterministic.
extension RedactionSession {
    /// Redacts one request; `Content-Length` and sizes follow the redacted body.
    mutating func redact(_ request: HAR.Request) -> HAR.Request {
        side = "request"
        var copy = request
        copy.url = redactText(request.url, kind: "url", location: "url")
        copy.queryString = redactParameters(request.queryString, kind: "query")
        copy.headers = redactHeaders(request.headers)
        copy.cookies = redactCookies(request.cookies)
        if let postData = request.postData {
            let (redacted, decoded) = redactPostData(postData, contentEncoding: request.headers.value(named: "Content-Encoding"))
            copy.postData = redacted
            if decoded { copy.headers.set("Content-Encoding", to: nil) }
            if redacted.text != postData.text || redacted.encoding != postData.encoding {
                let size =
                    redacted.encoding?.lowercased() == "base64"
                    ? (Data(base64Encoded: redacted.text)?.count ?? redacted.text.utf8.count) : redacted.text.utf8.count
                if copy.bodySize >= 0 { copy.bodySize = size }
                if copy.headers.value(named: "Content-Length") != nil { copy.headers.set("Content-Length", to: String(size)) }
            }
        }
        if copy.headers != request.headers || copy.cookies != request.cookies || copy.url != request.url {
            copy.headersSize = -1
        }
        return copy
    }

    /// Redacts one response.
    mutating func redact(_ response: HAR.Response) -> HAR.Response {
        side = "response"
        var copy = response
        copy.headers = redactHeaders(response.headers)
        copy.cookies = redactCookies(response.cookies)
        let (content, decoded) = redactContent(response.content, contentEncoding: response.headers.value(named: "Content-Encoding"))
        copy.content = content
        if decoded { copy.headers.set("Content-Encoding", to: nil) }
        if copy.content.text != response.content.text || copy.content.encoding != response.content.encoding {
            let size = copy.content.size
            if copy.bodySize >= 0 { copy.bodySize = size }
            if copy.headers.value(named: "Content-Length") != nil { copy.headers.set("Content-Length", to: String(size)) }
        }
        copy.redirectURL = redactText(response.redirectURL, kind: "header", location: "redirectURL")
        copy.statusText = redactText(response.statusText, kind: "header", location: "statusText")
        if copy.headers != response.headers || copy.cookies != response.cookies { copy.headersSize = -1 }
        return copy
    }

    /// Redacts a whole log; the report is merged into `log.cassette.redaction` when present.
    mutating func redact(_ log: HAR.Log) -> HAR.Log {
        var copy = log
        for index in log.entries.indices {
            entry = index
            var item = log.entries[index]
            item.request = redact(item.request)
            item.response = redact(item.response)
            if let comment = item.comment {
                side = "response"
                item.comment = redactText(comment, kind: "comment", location: "comment")
            }
            copy.entries[index] = item
        }
        entry = -1
        side = "log"
        if let comment = log.comment { copy.comment = redactText(comment, kind: "comment", location: "comment") }
        if var metadata = log.cassette {
            if let baseURL = metadata.baseURL { metadata.baseURL = redactText(baseURL, kind: "url", location: "baseURL") }
            let merged = RedactionReport(
                items: Array(Set(metadata.redaction.items).union(items)),
                pseudonymized: Array(Set(metadata.redaction.pseudonymized).union(pseudonymized)))
            metadata.redaction = merged
            copy.cassette = metadata
        }
        return copy
    }
}
