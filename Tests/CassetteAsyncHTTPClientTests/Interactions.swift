#if AsyncHTTPClient
    import CassetteKit
    import Foundation

    /// In-memory cassettes for the engine tests.
    enum Interactions {
        /// One JSON interaction: `method url` (with `requestBody`) answered by `answer`.
        static func entry(_ method: String, _ url: String, requestBody: String? = nil, answer: String, status: Int = 200) -> HAR.Entry {
            HAR.Entry(
                startedDateTime: "2025-01-01T00:00:00.000Z",
                request: .incoming(
                    method: method, url: url, headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                    body: requestBody.map { Data($0.utf8) }),
                response: HAR.Response(
                    status: status, statusText: "OK",
                    headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                    content: HAR.Content(body: Data(answer.utf8), mimeType: "application/json")))
        }

        static func log(_ entries: [HAR.Entry]) -> HAR.Log {
            HAR.Log(
                entries: entries,
                cassette: CassetteMetadata(
                    provider: nil, source: "test", baseURL: "https://api.example.com", recordedAt: "2025-01-01T00:00:00.000Z"))
        }
    }
#endif
