#if AsyncHTTPClient
    import AsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import Foundation
    import Logging
    import NIOCore
    import NIOHTTP1

    #if canImport(FoundationNetworking)
        import FoundationNetworking
    #endif

    /// In-test recording for the replaying client: sends the request through a real `HTTPClient`
    /// and hands the exchange to the session's recorder, the one recording pipeline (HAR
    /// interaction, `Redaction/sanitize(_:policy:)` failing closed, atomic write). The test gets
    /// the real response; when sanitizing refuses, nothing is written and the request fails with
    /// the reason (locations only).
    struct RecordingLeg: Sendable {
        /// The `HTTPClient` recordings go through: it never follows a redirect (a `3xx` is
        /// recorded and handed on as it came, like `RecordingTransport`), keeps no cookies and
        /// leaves bodies as the host sent them (the pipeline decodes gzip and deflate). It lives
        /// as long as the process, like `HTTPClient.shared`, so it is never shut down.
        static let network = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

        let recorder: LiveRecorder
        let handler: ReplayHandler
        let maxBodyBytes: Int

        /// Sends, records and returns the real response (its body already read, as a stream of one part).
        func send(
            _ request: HTTPClientRequest, capture: RequestCapture, deadline: NIODeadline, logger: Logger?
        ) async throws -> HTTPClientResponse {
            var outgoing = request
            // The body was read to match it; send the same bytes.
            outgoing.body = capture.body.map { .bytes(ByteBuffer(bytes: $0)) }
            let timing = ExchangeTiming.start()
            let response = try await Self.network.execute(outgoing, deadline: deadline, logger: logger)
            let body = try await response.body.collect(upTo: maxBodyBytes)
            let bytes = Data(body.readableBytesView)
            let head = HTTPURLResponse(
                url: capture.url, statusCode: Int(response.status.code),
                httpVersion: "HTTP/\(response.version.major).\(response.version.minor)",
                headerFields: Self.fields(response.headers))
            guard let head else { throw HTTPClientError.invalidURL }
            switch recorder.commit(capture.har, response: head, body: bytes, timing: timing) {
            case .success:
                return HTTPClientResponse(
                    version: response.version, status: response.status, headers: response.headers, body: .bytes(body))
            case .refused(let message):
                handler.noteRefusedRecording(message)
                throw ReplayFailure.recordingFailed(message, url: capture.url)
            case .networkFailure(let error):
                throw error
            }
        }

        /// Header fields as `HTTPURLResponse` holds them: repeated names joined with `, `, as URL
        /// loading joins them, so both recording paths store the same headers.
        static func fields(_ headers: HTTPHeaders) -> [String: String] {
            var fields: [String: String] = [:]
            var spelling: [String: String] = [:]
            for (name, value) in headers {
                let key = spelling[name.lowercased()] ?? name
                spelling[name.lowercased()] = key
                fields[key] = fields[key].map { "\($0), \(value)" } ?? value
            }
            return fields
        }
    }
#endif
