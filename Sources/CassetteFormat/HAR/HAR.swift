import Foundation

/// The HTTP Archive 1.2 model a cassette holds (http://www.softwareishard.com/blog/har-12-spec/).
///
/// Toolkit data rides in HAR's extension convention (members whose names start with `_`):
/// ``HAR/Log/cassette`` at the log level. Fields are written in the order the spec lists them, so
/// an unchanged cassette always serializes to the same bytes.
public enum HAR {
    /// A name/value pair: headers, query parameters, form parameters.
    public struct NameValue: Sendable, Hashable {
        /// The name (header names keep the case they were recorded with).
        public var name: String
        /// The value, as recorded (a placeholder such as `REDACTED_<n>` where a secret was).
        public var value: String
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A cookie as HAR describes it (request `cookies` and response `cookies` arrays).
    public struct Cookie: Sendable, Hashable {
        /// The cookie name (kept by redaction).
        public var name: String
        /// The cookie value (a placeholder when it was a secret).
        public var value: String
        /// The `Path` attribute.
        public var path: String?
        /// The `Domain` attribute.
        public var domain: String?
        /// The `Expires` attribute, as sent.
        public var expires: String?
        /// The `HttpOnly` attribute.
        public var httpOnly: Bool?
        /// The `Secure` attribute.
        public var secure: Bool?
        /// The `SameSite` attribute.
        public var sameSite: String?
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(
            name: String, value: String, path: String? = nil, domain: String? = nil, expires: String? = nil,
            httpOnly: Bool? = nil, secure: Bool? = nil, sameSite: String? = nil
        ) {
            self.name = name
            self.value = value
            self.path = path
            self.domain = domain
            self.expires = expires
            self.httpOnly = httpOnly
            self.secure = secure
            self.sameSite = sameSite
        }
    }

    /// A request body.
    public struct PostData: Sendable, Hashable {
        /// The request body's media type.
        public var mimeType: String
        /// The body: UTF-8 text, or base64 when `encoding` is `"base64"`.
        public var text: String
        /// `"base64"` when ``text`` holds base64 of a binary body (a toolkit extension, `_encoding`
        /// in HAR terms is not standard for requests, so it is written as `encoding` like content).
        public var encoding: String?
        /// Form parameters, when the body is a form.
        public var params: [NameValue]?
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(mimeType: String, text: String, encoding: String? = nil, params: [NameValue]? = nil) {
            self.mimeType = mimeType
            self.text = text
            self.encoding = encoding
            self.params = params
        }
    }

    /// A response body.
    public struct Content: Sendable, Hashable {
        /// Length of the decoded body in bytes.
        public var size: Int
        /// The response body's media type.
        public var mimeType: String
        /// The body: UTF-8 text, or base64 when ``encoding`` is `"base64"`.
        public var text: String?
        /// `"base64"` when `text` holds base64 of a binary body.
        public var encoding: String?
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(size: Int, mimeType: String, text: String?, encoding: String? = nil) {
            self.size = size
            self.mimeType = mimeType
            self.text = text
            self.encoding = encoding
        }
    }

    /// The outgoing request of an interaction.
    public struct Request: Sendable, Hashable {
        /// The HTTP method.
        public var method: String
        /// The absolute URL, query included.
        public var url: String
        /// The HTTP version, `HTTP/1.1` by default.
        public var httpVersion: String
        /// The cookies sent.
        public var cookies: [Cookie]
        /// The headers sent, in order.
        public var headers: [NameValue]
        /// The query parameters of `url`, in order.
        public var queryString: [NameValue]
        /// The body, when there is one.
        public var postData: PostData?
        /// Size of the header block in bytes, `-1` when unknown.
        public var headersSize: Int
        /// Size of the body in bytes, `-1` when unknown.
        public var bodySize: Int
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(
            method: String, url: String, httpVersion: String = "HTTP/1.1", cookies: [Cookie] = [],
            headers: [NameValue] = [], queryString: [NameValue] = [], postData: PostData? = nil,
            headersSize: Int = -1, bodySize: Int = 0
        ) {
            self.method = method
            self.url = url
            self.httpVersion = httpVersion
            self.cookies = cookies
            self.headers = headers
            self.queryString = queryString
            self.postData = postData
            self.headersSize = headersSize
            self.bodySize = bodySize
        }
    }

    /// The answer of an interaction.
    public struct Response: Sendable, Hashable {
        /// The HTTP status code.
        public var status: Int
        /// The reason phrase.
        public var statusText: String
        /// The HTTP version, `HTTP/1.1` by default.
        public var httpVersion: String
        /// The cookies set (`Set-Cookie`).
        public var cookies: [Cookie]
        /// The headers received, in order.
        public var headers: [NameValue]
        /// The body.
        public var content: Content
        /// The `Location` of a redirect, empty otherwise.
        public var redirectURL: String
        /// Size of the header block in bytes, `-1` when unknown.
        public var headersSize: Int
        /// Size of the body as received in bytes, `-1` when unknown.
        public var bodySize: Int
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(
            status: Int, statusText: String = "", httpVersion: String = "HTTP/1.1", cookies: [Cookie] = [],
            headers: [NameValue] = [], content: Content, redirectURL: String = "", headersSize: Int = -1,
            bodySize: Int = -1
        ) {
            self.status = status
            self.statusText = statusText
            self.httpVersion = httpVersion
            self.cookies = cookies
            self.headers = headers
            self.content = content
            self.redirectURL = redirectURL
            self.headersSize = headersSize
            self.bodySize = bodySize
        }
    }

    /// Phase timings in milliseconds (`-1` when not applicable).
    public struct Timings: Sendable, Hashable {
        /// Milliseconds spent sending the request.
        public var send: Double
        /// Milliseconds waiting for the first byte of the answer.
        public var wait: Double
        /// Milliseconds spent reading the answer.
        public var receive: Double
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(send: Double = 0, wait: Double = 0, receive: Double = 0) {
            self.send = send
            self.wait = wait
            self.receive = receive
        }
    }

    /// One request/response interaction.
    public struct Entry: Sendable, Hashable {
        /// ISO 8601 start time.
        public var startedDateTime: String
        /// Total time in milliseconds.
        public var time: Double
        /// The request.
        public var request: Request
        /// The answer.
        public var response: Response
        /// Phase timings.
        public var timings: Timings
        /// A free-text comment.
        public var comment: String?
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(
            startedDateTime: String, time: Double = 0, request: Request, response: Response,
            timings: Timings = Timings(), comment: String? = nil
        ) {
            self.startedDateTime = startedDateTime
            self.time = time
            self.request = request
            self.response = response
            self.timings = timings
            self.comment = comment
        }
    }

    /// The tool that wrote the archive.
    public struct Creator: Sendable, Hashable {
        /// The tool's name (`cassette` for what this toolkit writes).
        public var name: String
        /// The tool's version (`CassetteKitVersion.current` for what this toolkit writes).
        public var version: String
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The archive itself (the `log` member of the document).
    public struct Log: Sendable, Hashable {
        /// The HAR version, `1.2`.
        public var version: String
        /// The tool that wrote the archive.
        public var creator: Creator
        /// The interactions, in recorded order.
        public var entries: [Entry]
        /// A free-text comment.
        public var comment: String?
        /// Toolkit metadata (`_cassette`); `nil` for a plain HAR from another tool.
        public var cassette: CassetteMetadata?
        /// Creates a value from its members (defaults as HAR writes them when unknown).
        public init(
            version: String = "1.2", creator: Creator = Creator(name: "cassette", version: CassetteKitVersion.current),
            entries: [Entry] = [], comment: String? = nil, cassette: CassetteMetadata? = nil
        ) {
            self.version = version
            self.creator = creator
            self.entries = entries
            self.comment = comment
            self.cassette = cassette
        }
    }
}

/// The toolkit's version, written into every cassette it records.
public enum CassetteKitVersion {
    /// Semantic version of this toolkit.
    public static let current = "0.1.0"
}

extension HAR.NameValue {
    /// Looks up the first value for a name, case-insensitively (HTTP header semantics).
    public static func first(_ name: String, in list: [HAR.NameValue]) -> String? {
        list.first { sameName($0.name, name) }?.value
    }

    /// Whether two header or parameter names are equal ignoring case: byte by byte for ASCII
    /// names (HTTP's), `caseInsensitiveCompare` (Foundation's, slow) only when either is not.
    package static func sameName(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } ? false : nil }
                for index in 0..<x.count {
                    let p = x[index]
                    let q = y[index]
                    if p >= 0x80 || q >= 0x80 { return nil }
                    if p == q { continue }
                    let lowerP = p >= 0x41 && p <= 0x5A ? p | 0x20 : p
                    let lowerQ = q >= 0x41 && q <= 0x5A ? q | 0x20 : q
                    if lowerP != lowerQ { return false }
                }
                return true
            }
        }
        return ascii ?? (a.caseInsensitiveCompare(b) == .orderedSame)
    }
}

extension Array where Element == HAR.NameValue {
    /// The first value for `name`, compared case-insensitively.
    public func value(named name: String) -> String? {
        HAR.NameValue.first(name, in: self)
    }

    /// Replaces every header named `name` (case-insensitive) by one with `value`, or appends it;
    /// `nil` removes them all.
    public mutating func set(_ name: String, to value: String?) {
        let firstIndex = firstIndex { HAR.NameValue.sameName($0.name, name) }
        removeAll { HAR.NameValue.sameName($0.name, name) }
        guard let value else { return }
        insert(HAR.NameValue(name: name, value: value), at: Swift.min(firstIndex ?? count, count))
    }
}
