#if AsyncHTTPClient
    import NIOHTTP1
    import AsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import Foundation
    import NIOCore

    /// What a `HTTPClientRequest` is to the engine: its URL, its body (a streamed body collected,
    /// up to a limit) and its HAR form, made by the recording pipeline's capture stage as the
    /// URL protocol's requests are, so that matching sees what would be recorded.
    struct RequestCapture: Sendable {
        let url: URL
        let body: Data?
        let har: HAR.Request

        /// Collects the body (at most `maxBodyBytes`) and captures the request.
        static func capture(_ request: HTTPClientRequest, maxBodyBytes: Int) async throws -> RequestCapture {
            guard let url = URL(string: request.url), url.scheme != nil, url.host != nil else {
                throw HTTPClientError.invalidURL
            }
            let body = try await collect(request.body, url: url, limit: maxBodyBytes)
            // Sorted by lower-cased name like the URL protocol's capture; repeated fields stay apart.
            let headers = request.headers
                .map { HAR.NameValue(name: $0.name, value: $0.value) }
                .enumerated()
                .sorted { ($0.element.name.lowercased(), $0.offset) < ($1.element.name.lowercased(), $1.offset) }
                .map(\.element)
            let har = RecordingPipeline.capture(method: request.method.rawValue, url: url, headers: headers, body: body)
            return RequestCapture(url: url, body: body, har: har)
        }

        /// The body's bytes, read part by part; more than `limit` fails the request without
        /// buffering past it.
        static func collect(_ body: HTTPClientRequest.Body?, url: URL, limit: Int) async throws -> Data? {
            guard let body else { return nil }
            var data = Data()
            for try await part in body {
                guard part.readableBytes <= limit - data.count else {
                    throw ReplayFailure.unreadableBody(
                        url: url,
                        detail:
                            "the request body is larger than \(limit) bytes (ReplayingHTTPClient's maxRequestBodyBytes); raise the limit if the service really takes such bodies"
                    )
                }
                part.withUnsafeReadableBytes { data.append(contentsOf: $0) }
            }
            return data
        }
    }
#endif
