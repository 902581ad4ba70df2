import CassetteKit
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The brain of one replaying session: answers each request from the cassette, records it
/// when the mode says so, or fails it with a near-miss report.
final class ReplayHandler: Sendable {
    /// What the session does with requests.
    enum Behaviour: Sendable {
        /// Replay; a miss fails.
        case replayOnly
        /// Replay; a miss is recorded and appended (`newEpisodes`).
        case recordMisses
        /// Record every request (`rewrite`, or `once` without a cassette).
        case recordAll
    }

    let player: CassettePlayer
    let behaviour: Behaviour
    let recorder: LiveRecorder?
    let latency: ReplayLatency
    private let problemList = Mutex<[ReplayProblem]>([])

    init(player: CassettePlayer, behaviour: Behaviour, recorder: LiveRecorder?, latency: ReplayLatency) {
        self.player = player
        self.behaviour = recorder == nil ? .replayOnly : behaviour
        self.recorder = recorder
        self.latency = latency
    }

    /// Misses and refused recordings so far.
    var problems: [ReplayProblem] { problemList.withLock { $0 } }

    /// Answers one request.
    func handle(_ request: URLRequest, body: Data?, delivery: ProtocolDelivery) {
        guard let url = request.url else {
            delivery.fail(URLError(.badURL))
            return
        }
        let har = Self.harRequest(request, body: body)
        if behaviour == .recordAll, let recorder {
            record(request, body: body, har: har, recorder: recorder, delivery: delivery)
            return
        }
        switch player.answer(har) {
        case .answer(let playback):
            replay(playback.entry, url: url, delivery: delivery)
        case .miss(let report):
            if behaviour == .recordMisses, let recorder {
                record(request, body: body, har: har, recorder: recorder, delivery: delivery)
                return
            }
            problemList.withLock { $0.append(.miss(report)) }
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

    private func replay(_ entry: HAR.Entry, url: URL, delivery: ProtocolDelivery) {
        let send: @Sendable () -> Void = {
            let (response, body) = ResponseBuilder.build(entry.response, url: url)
            guard let response else {
                delivery.fail(URLError(.badServerResponse))
                return
            }
            delivery.respond(response, body: body)
        }
        let delay = latency.delay(for: entry)
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
                problemList.withLock { $0.append(.recordingFailed(message)) }
                delivery.fail(ReplayFailure.recordingFailed(message, url: request.url))
            }
        }
    }
}
