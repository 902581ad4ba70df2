import Foundation

/// The HTTP Archive 1.2 model a cassette holds (http://www.softwareishard.com/blog/har-12-spec/).
///
/// Toolkit data rides in HAR's extension convention (members whose names start with `_`):
/// ``HAR/Log/cassette`` at the log level. Fields are written in the order the spec lists them, so
/// an unchanged cassette always serializes to the same bytes.
public enum HAR {
    /// A name/value pair: headers, query parameters, form parameters.
    public struct NameValue: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A cookie as HAR describes it (request `cookies` and response `cookies` arrays).
    public struct Cookie: Sendable, Hashable {
        public var name: String
        public var value: String
        public var path: String?
        public var domain: String?
        public var expires: String?
        public var httpOnly: Bool?
        public var secure: Bool?
        public var sameSite: String?
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
        public var mimeType: String
        public var text: String
        /// `"base64"` when ``text`` holds base64 of a binary body (a toolkit extension, `_encoding`
        /// in HAR terms is not standard for requests, so it is written as `encoding` like content).
        public var encoding: String?
        public var params: [NameValue]?
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
        public var mimeType: String
        /// The body: UTF-8 text, or base64 when ``encoding`` is `"base64"`.
        public var text: String?
        public var encoding: String?
        public init(size: Int, mimeType: String, text: String?, encoding: String? = nil) {
            self.size = size
            self.mimeType = mimeType
            self.text = text
            self.encoding = encoding
        }
    }

    /// The outgoing request of an interaction.
    public struct Request: Sendable, Hashable {
        public var method: String
        public var url: String
        public var httpVersion: String
        public var cookies: [Cookie]
        public var headers: [NameValue]
        public var queryString: [NameValue]
        public var postData: PostData?
        public var headersSize: Int
        public var bodySize: Int
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
        public var status: Int
        public var statusText: String
        public var httpVersion: String
        public var cookies: [Cookie]
        public var headers: [NameValue]
        public var content: Content
        public var redirectURL: String
        public var headersSize: Int
        public var bodySize: Int
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
        public var send: Double
        public var wait: Double
        public var receive: Double
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
        public var request: Request
        public var response: Response
        public var timings: Timings
        public var comment: String?
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
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// The archive itself (the `log` member of the document).
    public struct Log: Sendable, Hashable {
        public var version: String
        public var creator: Creator
        public var entries: [Entry]
        public var comment: String?
        /// Toolkit metadata (`_cassette`); `nil` for a plain HAR from another tool.
        public var cassette: CassetteMetadata?
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
        list.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
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
        let firstIndex = firstIndex { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        guard let value else { return }
        insert(HAR.NameValue(name: name, value: value), at: Swift.min(firstIndex ?? count, count))
    }
}
