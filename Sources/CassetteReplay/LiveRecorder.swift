package import CassetteKit
package import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    package import FoundationNetworking
#endif

/// Records requests inside a test through the recording pipeline `cassette record` uses too
/// (`RecordingPipeline`): sends them to the real network through the pipeline's session (which
/// does not carry the replay protocol and never follows a redirect: a `3xx` reaches the test as
/// it came, and each hop the test's client follows is recorded as its own interaction), hands the
/// real response to the test, and writes the cassette through `Redaction/sanitize(_:policy:)`.
/// Nothing unsafe is ever written: when sanitizing refuses, the file is left as it was and the
/// request fails with the reason.
///
/// The AsyncHTTPClient replaying client sends through a real `HTTPClient` instead and hands the
/// exchange to ``commit(_:response:body:timing:)``: the same capture, response, timing,
/// sanitize and write stages.
package final class LiveRecorder: Sendable {
    /// What became of one recorded request.
    package enum Outcome: Sendable {
        /// The real response, for the test; the cassette was written.
        case success(RecordedResponse)
        /// The network failed (the test sees the real error).
        case networkFailure(URLError)
        /// The cassette could not be written safely; the message names locations only.
        case refused(String)
    }

    /// The real response delivered to the test.
    package struct RecordedResponse: Sendable {
        package let response: HTTPURLResponse
        package let body: Data
    }

    private struct State {
        var base: HAR.Log
        var recorded: [HAR.Entry] = []
    }

    /// Makes the cassette safe to write, or refuses: `Redaction/sanitize(_:policy:)`.
    package struct Sanitizer: Sendable {
        package let run: @Sendable (HAR.Log, RedactionPolicy) throws(UnsafeCassetteError) -> HAR.Log

        package init(run: @escaping @Sendable (HAR.Log, RedactionPolicy) throws(UnsafeCassetteError) -> HAR.Log) {
            self.run = run
        }

        /// The sanitizer `cassette record` uses too: redaction, then the fail-closed check.
        static let redacting = Sanitizer { log, policy throws(UnsafeCassetteError) in
            try Redaction.sanitize(log, policy: policy)
        }
    }

    private let cassetteURL: URL
    private let policy: RedactionPolicy
    private let sanitize: Sanitizer
    private let player: CassettePlayer
    private let network: URLSession
    private let state: Mutex<State>

    /// A recorder appending to `base` (an empty log for `rewrite`).
    init(
        cassetteURL: URL, base: HAR.Log, policy: RedactionPolicy, player: CassettePlayer,
        sanitize: Sanitizer = .redacting
    ) {
        self.cassetteURL = cassetteURL
        self.policy = policy
        self.sanitize = sanitize
        self.player = player
        network = RecordingTransport.session()
        state = Mutex(State(base: base))
    }

    /// Stops the inner session.
    func invalidate() {
        network.invalidateAndCancel()
    }

    /// Sends `request` to the real network and records the interaction.
    ///
    /// The inner task is started, and its outcome delivered, from a global queue: on Linux the
    /// URL loading system runs protocol callbacks and session work on queues that must not be
    /// re-entered synchronously, and starting one session's task from inside another's
    /// callback does exactly that.
    func record(
        _ request: URLRequest, body: Data?, har: HAR.Request, completion: @escaping @Sendable (Outcome) -> Void
    ) {
        var outgoing = request
        outgoing.httpBodyStream = nil
        outgoing.httpBody = body
        DispatchQueue.global().async { [self, outgoing] in
            let timing = ExchangeTiming.start()
            network.dataTask(with: outgoing) { [self] data, response, error in
                let outcome = outcome(har, data: data, response: response, error: error, timing: timing)
                DispatchQueue.global().async { completion(outcome) }
            }.resume()
        }
    }

    private func outcome(
        _ har: HAR.Request, data: Data?, response: URLResponse?, error: (any Error)?, timing: ExchangeTiming
    ) -> Outcome {
        if let error {
            return .networkFailure(error as? URLError ?? URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "\(error)"]))
        }
        guard let http = response as? HTTPURLResponse else { return .networkFailure(URLError(.badServerResponse)) }
        return commit(har, response: http, body: data ?? Data(), timing: timing)
    }

    /// Records an exchange that was sent by another transport (`har` is the request as the
    /// pipeline's capture stage made it): builds the interaction, sanitizes and writes the
    /// cassette, or refuses and writes nothing.
    package func commit(_ har: HAR.Request, response http: HTTPURLResponse, body: Data, timing: ExchangeTiming) -> Outcome {
        do throws(RecordingError) {
            try commit(RecordingPipeline.entry(request: har, response: http, body: body, timing: timing))
            return .success(RecordedResponse(response: http, body: body))
        } catch {
            return .refused(error.description)
        }
    }

    /// Sanitizes the cassette with the new interaction and writes it; the player then answers
    /// from the written (redacted) version.
    private func commit(_ entry: HAR.Entry) throws(RecordingError) {
        try state.withLock { (state: inout State) throws(RecordingError) in
            var log = state.base
            log.entries += state.recorded + [entry]
            if log.cassette == nil {
                log.cassette = CassetteMetadata(
                    provider: policy.provider, source: "test", baseURL: PreparedRequest(entry.request).origin,
                    recordedAt: ExchangeTiming.timestamp(Date()))
            }
            let sanitized: HAR.Log
            do throws(UnsafeCassetteError) {
                sanitized = try sanitize.run(log, policy)
            } catch {
                throw .unsafe(error)
            }
            do throws(CassetteWriteFailure) {
                try RecordingPipeline.write(sanitized, to: cassetteURL)
            } catch {
                throw .io(path: error.path, detail: error.detail)
            }
            state.recorded.append(entry)
            player.replaceLog(sanitized, markingUsed: [sanitized.entries.count - 1])
        }
    }
}

/// Why a recording was not written.
enum RecordingError: Error, CustomStringConvertible {
    case unsafe(UnsafeCassetteError)
    case io(path: String, detail: String)

    var description: String {
        switch self {
        case .unsafe(let error): return error.description
        case .io(let path, let detail): return "\(path): could not write the cassette (\(detail))"
        }
    }
}
