#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteKit
    import Foundation
    import NIOCore
    import NIOHTTP1

    /// A recorded response as AsyncHTTPClient delivers one: status, version, the recorded header
    /// fields (repeated ones such as `Set-Cookie` kept apart) and the body as a
    /// `HTTPClientResponse.Body` stream of `ByteBuffer`s.
    ///
    /// The stored body is already decoded, so `Content-Encoding` is dropped and `Content-Length`
    /// is its length; `Transfer-Encoding` is dropped as it is framing, not content.
    enum RecordedAnswer {
        /// The response for a recorded interaction.
        static func response(_ recorded: HAR.Response) -> HTTPClientResponse {
            let body = recorded.content.bodyData ?? Data()
            var headers = HTTPHeaders()
            for header in recorded.headers {
                let lower = header.name.lowercased()
                if lower == "content-encoding" || lower == "content-length" || lower == "transfer-encoding" { continue }
                headers.add(name: header.name, value: header.value)
            }
            headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            return HTTPClientResponse(
                version: version(recorded.httpVersion), status: HTTPResponseStatus(statusCode: recorded.status),
                headers: headers, body: .bytes(ByteBuffer(bytes: body)))
        }

        /// The HTTP version a HAR response names (`HTTP/1.1` when it names none it knows).
        static func version(_ text: String) -> HTTPVersion {
            switch text.uppercased() {
            case "HTTP/1.0": return .http1_0
            case "HTTP/2", "HTTP/2.0", "H2": return HTTPVersion(major: 2, minor: 0)
            default: return .http1_1
            }
        }
    }
#endif
