import CassetteKit
import CassetteReplay
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Cassettes built in the tests, and the two ways of calling `URLSession`.
enum ReplayFixtures {
    /// One interaction.
    static func entry(
        _ method: String, _ url: String, status: Int = 200, body: String = "{}", mimeType: String = "application/json",
        responseHeaders: [HAR.NameValue] = [], requestHeaders: [HAR.NameValue] = [], requestBody: String? = nil,
        requestMimeType: String = "application/json", httpVersion: String = "HTTP/1.1", time: Double = 1
    ) -> HAR.Entry {
        entry(
            method, url, status: status, bodyData: Data(body.utf8), mimeType: mimeType, responseHeaders: responseHeaders,
            requestHeaders: requestHeaders, requestBody: requestBody, requestMimeType: requestMimeType,
            httpVersion: httpVersion, time: time)
    }

    /// One interaction with a binary (or any) response body.
    static func entry(
        _ method: String, _ url: String, status: Int = 200, bodyData: Data, mimeType: String,
        responseHeaders: [HAR.NameValue] = [], requestHeaders: [HAR.NameValue] = [], requestBody: String? = nil,
        requestMimeType: String = "application/json", httpVersion: String = "HTTP/1.1", time: Double = 1
    ) -> HAR.Entry {
        let request = HAR.Request.incoming(
            method: method, url: url,
            headers: requestHeaders + (requestBody == nil ? [] : [HAR.NameValue(name: "Content-Type", value: requestMimeType)]),
            body: requestBody.map { Data($0.utf8) })
        return HAR.Entry(
            startedDateTime: "2026-01-01T00:00:00.000Z", time: time, request: request,
            response: HAR.Response(
                status: status, httpVersion: httpVersion,
                headers: [HAR.NameValue(name: "Content-Type", value: mimeType)] + responseHeaders,
                content: HAR.Content(body: bodyData, mimeType: mimeType), bodySize: bodyData.count))
    }

    /// A log of interactions.
    static func log(_ entries: [HAR.Entry], provider: String? = nil) -> HAR.Log {
        HAR.Log(entries: entries, cassette: CassetteMetadata(provider: provider, source: "test"))
    }

    /// Options that ignore the machine's environment (CI, CASSETTE_RECORD_MODE).
    static func options(
        _ mode: RecordMode = .none, matchers: [RequestMatcher] = .default, repeatLast: Bool = false,
        environment: [String: String] = [:]
    ) -> ReplayOptions {
        ReplayOptions(recordMode: mode, matchers: matchers, repeatLast: repeatLast, environment: environment)
    }

    static func request(url: String, headers: [String: String] = [:], body: Data? = nil) -> URLRequest {
        request("GET", url, headers: headers, body: body)
    }

    static func request(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil) -> URLRequest {
        var request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        return request
    }
}

/// The two ways tests call a session.
enum Fetch {
    /// `data(for:)`.
    static func async(_ session: URLSession, _ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }

    /// `dataTask(with:completionHandler:)`.
    static func completion(_ session: URLSession, _ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: (data ?? Data(), http))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }

    /// Either way, chosen by name.
    static func by(_ style: String, _ session: URLSession, _ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        style == "async" ? try await async(session, request) : try await completion(session, request)
    }
}
