import NIOCore

/// The server's own answers, sent when a request breaks a limit or cannot be read: a short JSON
/// body that names the limit and the flag that raises it, and `Connection: close`. They never
/// repeat anything the client sent.
struct CannedAnswer {
    let status: Int
    let reason: String
    let message: String
    var extraHeaders: [(String, String)] = []

    static func requestLineTooLong(_ limit: Int) -> CannedAnswer {
        CannedAnswer(status: 414, reason: "URI Too Long", message: "the request line is longer than \(limit) bytes (--max-request-line)")
    }
    static func headersTooLarge(_ limits: ServerLimits) -> CannedAnswer {
        CannedAnswer(
            status: 431, reason: "Request Header Fields Too Large",
            message:
                "the headers are larger than \(limits.maxHeaderBytes) bytes or more than \(limits.maxHeaderCount) fields (--max-header-bytes, --max-headers)"
        )
    }
    static func bodyTooLarge(_ limit: Int) -> CannedAnswer {
        CannedAnswer(status: 413, reason: "Content Too Large", message: "the body is larger than \(limit) bytes (--max-body-bytes)")
    }
    static func requestTimeout(_ seconds: Double) -> CannedAnswer {
        CannedAnswer(
            status: 408, reason: "Request Timeout", message: "the request did not arrive whole within \(seconds) s (--request-timeout)")
    }
    static func tooManyConnections(_ limit: Int) -> CannedAnswer {
        CannedAnswer(
            status: 503, reason: "Service Unavailable",
            message: "the server holds \(limit) connections already (--max-connections); try again",
            extraHeaders: [("Retry-After", "1")])
    }
    static let badRequest = CannedAnswer(status: 400, reason: "Bad Request", message: "the request is not valid HTTP/1.1")

    /// `{"error":"..."}`; messages are fixed text and numbers, so no escaping is needed.
    var body: String { "{\"error\":\"\(message)\"}" }

    var headers: [(String, String)] {
        [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", String(body.utf8.count)), ("Connection", "close")]
            + extraHeaders
    }

    /// The whole answer as bytes, for writing below the HTTP encoder.
    func wire(allocator: ByteBufferAllocator) -> ByteBuffer {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + body
        return allocator.buffer(string: text)
    }
}
