import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Cassettes built in the tests (`SampleEntries`, shared with the matching tests), and the two
/// ways of calling `URLSession`.
typealias ReplayFixtures = SampleEntries

extension SampleEntries {
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
