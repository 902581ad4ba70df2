#if AsyncHTTPClient
    public import AsyncHTTPClient
    public import CassetteKit
    public import CassetteReplay
    public import Foundation
    public import Logging
    public import NIOCore
    import Synchronization

    /// An `HTTPClient` stand-in that replays a cassette: pass it wherever production code takes
    /// ``HTTPClientProtocol``.
    ///
    /// ```swift
    /// let client = try ReplayingHTTPClient(named: "zitadel/me")
    /// let profile = try await currentUser(client: client, token: "any")
    /// let summary = client.finish()   // misses, refused recordings, unused interactions
    /// ```
    ///
    /// It runs on the engine of the URL protocol (`ReplaySession`): the same cassettes, matchers
    /// (applied to the redacted request), ordered replay, record modes (`CI` forcing `none`),
    /// near-miss reports (through `SafeDisplay`) and in-test recording through the one recording
    /// pipeline, with redaction and the fail-closed check. A request that matches nothing fails
    /// with the same `URLError` as the URL protocol's, carrying the `NearMissReport`
    /// (`error.cassetteNearMissReport`).
    ///
    /// Request bodies, streamed or not, are collected up to ``maxRequestBodyBytes``. Answers are
    /// `HTTPClientResponse`s whose body is a `ByteBuffer` stream, as AsyncHTTPClient delivers
    /// them, holding the recorded (decoded) body. When the mode records, the request goes to the
    /// real host through a real `HTTPClient` that never follows redirects (see
    /// `RecordingTransport`), and the test gets the real response.
    ///
    /// Many tasks may use one client at once. Keep it until the test ends, then call
    /// ``finish()``; requests made afterwards fail.
    public final class ReplayingHTTPClient: HTTPClientProtocol {
        /// The default bound on a request body: 16 MiB.
        public static let defaultMaxRequestBodyBytes = 16 << 20
        /// The default bound on a real response body while recording: 64 MiB.
        public static let defaultMaxRecordedBodyBytes = 64 << 20

        /// The replaying session whose engine answers (name, record mode, player, problems).
        public let replay: ReplaySession
        /// The most bytes of a request body collected; a larger body fails the request.
        public let maxRequestBodyBytes: Int
        /// The most bytes of a real response body recorded; a larger one fails the request.
        public let maxRecordedBodyBytes: Int
        private let finished = Atomic<Bool>(false)

        /// Answers through `replay`'s engine. Its `URLSession` and this client share the
        /// cassette, its order and its problems, so code mixing both replays consistently.
        public init(
            replay: ReplaySession, maxRequestBodyBytes: Int = ReplayingHTTPClient.defaultMaxRequestBodyBytes,
            maxRecordedBodyBytes: Int = ReplayingHTTPClient.defaultMaxRecordedBodyBytes
        ) {
            self.replay = replay
            self.maxRequestBodyBytes = max(0, maxRequestBodyBytes)
            self.maxRecordedBodyBytes = max(0, maxRecordedBodyBytes)
        }

        /// Replays the cassette at `cassette`, recording when the resolved mode says so.
        public convenience init(
            cassette: URL, name: String? = nil, options: ReplayOptions = ReplayOptions(),
            maxRequestBodyBytes: Int = ReplayingHTTPClient.defaultMaxRequestBodyBytes
        ) throws(ReplaySetupError) {
            self.init(replay: try ReplaySession(cassette: cassette, name: name, options: options), maxRequestBodyBytes: maxRequestBodyBytes)
        }

        /// Replays a named cassette: `zitadel/me` is `Cassettes/zitadel/me.har.gz` in the package
        /// holding `filePath` (the calling file), or under `CASSETTE_DIR` when set (`CassetteLocator`).
        public convenience init(
            named name: String, filePath: String = #filePath, options: ReplayOptions = ReplayOptions(),
            maxRequestBodyBytes: Int = ReplayingHTTPClient.defaultMaxRequestBodyBytes
        ) throws(ReplaySetupError) {
            self.init(
                replay: try ReplaySession(named: name, filePath: filePath, options: options), maxRequestBodyBytes: maxRequestBodyBytes)
        }

        /// Replays an in-memory log, never recording (mode `none`).
        public convenience init(log: HAR.Log, name: String, options: ReplayOptions = ReplayOptions()) {
            self.init(replay: ReplaySession(log: log, name: name, options: options))
        }

        /// The record mode in force, and why.
        public var recordMode: ResolvedRecordMode { replay.recordMode }

        /// Misses and refused recordings so far.
        public var problems: [ReplayProblem] { replay.problems }

        /// Recorded interactions no request has used yet.
        public func unusedInteractions() -> [InteractionSummary] { replay.unusedInteractions() }

        /// Ends replaying and returns the problems and unused interactions; later requests fail.
        @discardableResult
        public func finish() -> ReplaySummary {
            finished.store(true, ordering: .releasing)
            return replay.finish()
        }

        /// Answers `request` from the cassette (or records it, as the mode says) by `deadline`.
        public func execute(
            _ request: HTTPClientRequest, deadline: NIODeadline, logger: Logger? = nil
        ) async throws -> HTTPClientResponse {
            guard !finished.load(ordering: .acquiring) else { throw ReplayFailure.sessionEnded(url: URL(string: request.url)) }
            let capture = try await RequestCapture.capture(request, maxBodyBytes: maxRequestBodyBytes)
            switch replay.handler.decide(capture.har) {
            case .replay(let entry, let delay):
                if delay > 0 { try await Self.simulateLatency(seconds: delay, deadline: deadline) }
                return RecordedAnswer.response(entry.response)
            case .record(let recorder):
                let leg = RecordingLeg(recorder: recorder, handler: replay.handler, maxBodyBytes: maxRecordedBodyBytes)
                return try await leg.send(request, capture: capture, deadline: deadline, logger: logger)
            case .miss(let report):
                throw ReplayFailure.miss(report, url: capture.url)
            }
        }

        /// Answers `request` from the cassette (or records it) within `timeout`.
        public func execute(
            _ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger? = nil
        ) async throws -> HTTPClientResponse {
            try await execute(request, deadline: .now() + timeout, logger: logger)
        }

        /// Waits the simulated latency; past the deadline the request fails as AsyncHTTPClient's
        /// would (`HTTPClientError.deadlineExceeded`).
        private static func simulateLatency(seconds: Double, deadline: NIODeadline) async throws {
            let wanted = Int64(min(seconds, 86_400) * 1e9)
            let left = (deadline - .now()).nanoseconds
            try await Task.sleep(nanoseconds: UInt64(max(0, min(wanted, left))))
            if wanted > left { throw HTTPClientError.deadlineExceeded }
        }
    }

    extension ShippedCassette {
        /// A replaying client for this cassette shipped with the library (mode `none`).
        public func replayingHTTPClient(options: ReplayOptions = ReplayOptions()) throws(ReplaySetupError) -> ReplayingHTTPClient {
            ReplayingHTTPClient(replay: try replaySession(options: options))
        }
    }
#endif
