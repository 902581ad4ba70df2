import CassetteKit
import Foundation
import NIOCore
import NIOHTTP1

extension ServerRequest {
    /// The request as the handler sees it: the path as sent (percent-encoding kept), the query
    /// split into decoded name/value pairs, headers in order.
    init(head: HTTPRequestHead, body: ByteBuffer?) {
        let uri = head.uri
        let path: Substring
        let query: [HAR.NameValue]
        if let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = uri[..<mark]
            query = QueryString.parse(uri[uri.index(after: mark)...])
        } else {
            path = Substring(uri)
            query = []
        }
        var headers: [HAR.NameValue] = []
        headers.reserveCapacity(head.headers.count)
        for (name, value) in head.headers { headers.append(HAR.NameValue(name: name, value: value)) }
        var data = Data()
        if let body, body.readableBytes > 0 { data = Data(body.readableBytesView) }
        self.init(method: head.method.rawValue, path: String(path), query: query, headers: headers, body: data)
    }
}

/// `a=1&b=two%20words`: split on `&` and the first `=`, percent-decoded (kept as sent when not
/// valid), `+` kept as sent (as `URLComponents` does). One pass; empty pieces (`&&`) are skipped.
enum QueryString {
    static func parse(_ text: Substring) -> [HAR.NameValue] {
        var items: [HAR.NameValue] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = piece.firstIndex(of: "=") {
                name = piece[..<equals]
                value = piece[piece.index(after: equals)...]
            } else {
                name = piece
                value = ""
            }
            items.append(HAR.NameValue(name: decode(name), value: decode(value)))
        }
        return items
    }

    private static func decode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        return text.removingPercentEncoding ?? String(text)
    }
}
