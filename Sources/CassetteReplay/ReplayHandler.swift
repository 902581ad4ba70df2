package import CassetteKit
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The brain of one replaying session: answers each request from the cassette, records it
/// when the mode says so, or fails it with a near-miss report.
///
/// ``decide(_:)`` is the transport-neutral part (the URL protocol and the AsyncHTTPClient
/// replaying client both ask it); ``handle(_:body:delivery:)`` carries it out for the URL protocol.
package final class ReplayHandler: Sendable {
    /// What the session does with requests.
    enum Behaviour: Sendable {
        /// Replay; a miss fails.
        case replayOnly
        /// Replay; a miss is recorded and appended (`newEpisodes`).
        case recordMisses
        /// Record every request (`rewrite`, or `once` without a cassette).
        case recordAll
    }

    /// What to do with one request.
    package enum Decision: Sendable {
        /// Answer with this recorded interaction after `delay` seconds of simulated latency.
        case replay(HAR.Entry, delay: Double)
        /// Send it to the real network and record it through this recorder.
        case record(LiveRecorder)
        /// Fail it with this report (already counted among the problems).
        case miss(NearMissReport)
    }

    package let player: CassettePlayer
    let behaviour: Behaviour
    package let recorder: LiveRecorder?
    let latency: ReplayLatency
    private let problemList = Mutex<[ReplayProblem]>([])

    init(player: CassettePlayer, behaviour: Behaviour, recorder: LiveRecorder?, latency: ReplayLatency) {
        self.player = player
        self.behaviour = recorder == nil ? .replayOnly : behaviour
        self.recorder = recorder
        self.latency = latency
    }

    /// Misses and refused recordings so far.
    package var problems: [ReplayProblem] { problemList.withLock { $0 } }

    /// Decides what becomes of a request (in its HAR form, as the recording pipeline's capture
    /// stage makes it): replay, record (as the mode says), or a miss, which is counted.
    package func decide(_ har: HAR.Request) -> Decision {
        if behaviour == .recordAll, let recorder { return .record(recorder) }
        switch player.answer(har) {
        case .answer(let playback):
            return .replay(playback.entry, delay: latency.delay(for: playback.entry))
        case .miss(let report):
            if behaviour == .recordMisses, let recorder { return .record(recorder) }
            problemList.withLock { $0.append(.miss(report)) }
            return .miss(report)
        }
    }

    /// Counts a recording that sanitizing refused (or the disk did).
    package func noteRefusedRecording(_ message: String) {
        problemList.withLock { $0.append(.recordingFailed(message)) }
    }

    /// Answers one request.
    func handle(_ request: URLRequest, body: Data?, delivery: ProtocolDelivery) {
        guard let url = request.url else {
            delivery.fail(URLError(.badURL))
            return
        }
        let har = Self.harRequest(request, body: body)
        switch decide(har) {
        case .replay(let entry, let delay):
            replay(entry, delay: delay, url: url, delivery: delivery)
        case .record(let recorder):
            record(request, body: body, har: har, recorder: recorder, delivery: delivery)
        case .miss(let report):
            delivery.fail(ReplayFailure.miss(report, url: url))
        }
    }

    /// The HAR form of a request as the URL protocol sees it: the recording pipeline's capture
    /// stage, so what is matched is what would be recorded.
    static func harRequest(_ request: URLRequest, body: Data?) -> HAR.Request {
        let headers = (request.allHTTPHeaderFields ?? [:])
            .sorted { $0.key.lowercased() < $1.key.lowercased() }
            .map { HAR.NameValue(name: $0.key, value: $0.value) }
        guard let url = request.url else {
            return .incoming(method: request.httpMethod ?? "GET", url: "", headers: headers, body: body)
        }
        return RecordingPipeline.capture(method: request.httpMethod ?? "GET", url: url, headers: headers, body: body)
    }

    private func replay(_ entry: HAR.Entry, delay: Double, url: URL, delivery: ProtocolDelivery) {
        let send: @Sendable () -> Void = {
            let (response, body) = ResponseBuilder.build(entry.response, url: url)
            guard let response else {
                delivery.fail(URLError(.badServerResponse))
                return
            }
            delivery.respond(response, body: body)
        }
        if delay > 0 {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: send)
        } else {
            send()
        }
    }

    private func record(
        _ request: URLRequest, body: Data?, har: HAR.Request, recorder: LiveRecorder, delivery: ProtocolDelivery
    ) {
        recorder.record(request, body: body, har: har) { [self] outcome in
            switch outcome {
            case .success(let recorded):
                delivery.respond(recorded.response, body: recorded.body)
            case .networkFailure(let error):
                delivery.fail(error)
            case .refused(let message):
                noteRefusedRecording(message)
                delivery.fail(ReplayFailure.recordingFailed(message, url: request.url))
            }
        }
    }
}
