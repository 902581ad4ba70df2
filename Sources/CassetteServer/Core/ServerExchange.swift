public import CassetteKit
public import Foundation

/// An incoming request, independent of the HTTP library underneath.
public struct ServerRequest: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The path without the query (`/api/admin/user`).
    public var path: String
    /// Query parameters in order.
    public var query: [HAR.NameValue]
    /// Headers in the order received.
    public var headers: [HAR.NameValue]
    /// The body bytes.
    public var body: Data

    public init(method: String, path: String, query: [HAR.NameValue] = [], headers: [HAR.NameValue] = [], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// An answer to send, independent of the HTTP library underneath.
public struct ServerResponse: Sendable {
    public var status: Int
    public var headers: [HAR.NameValue]
    public var body: Data

    public init(status: Int, headers: [HAR.NameValue] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer, serialized deterministically.
    public static func json(_ status: Int, _ value: JSONValue, headers: [HAR.NameValue] = []) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [HAR.NameValue(name: "Content-Type", value: "application/json; charset=utf-8")] + headers,
            body: JSONSerializer.data(value))
    }

    /// A plain-text or HTML answer.
    public static func text(_ status: Int, _ text: String, contentType: String = "text/html; charset=utf-8") -> ServerResponse {
        ServerResponse(status: status, headers: [HAR.NameValue(name: "Content-Type", value: contentType)], body: Data(text.utf8))
    }
}

/// What a server does with each request. It runs synchronously on the connection's event-loop
/// thread, so it must not block: answer from memory.
public typealias ServerHandler = @Sendable (ServerRequest) -> ServerResponse
