import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Records one `/me` call into a cassette: builds the request from a profile and runs it through
/// the recording pipeline (`RecordingPipeline`: capture, send without following redirects,
/// response to HAR, `Redaction.sanitize(_:policy:)` which fails closed, atomic write); or
/// writes nothing at all and throws ``RecordFailure``.
///
/// Re-recording content equal to the cassette on disk (timestamps and durations aside) leaves
/// the file byte-identical.
public struct Recorder: Sendable {
    /// The `User-Agent` every recording sends, so cassettes do not depend on the platform.
    public static let userAgent = "cassette/\(CassetteKitVersion.current)"

    /// Creates a recorder.
    public init() {}

    /// Performs the plan. On any failure the output file is left exactly as it was.
    public func record(_ plan: RecordingPlan) async throws(RecordFailure) -> RecordingOutcome {
        try store(try await capture(plan), plan: plan)
    }

    /// The pipeline up to the write: calls the endpoint (redirects refused), turns the answer
    /// into HAR and sanitizes it (fail closed). Nothing is written; `cassette verify` compares
    /// the result with the cassette on disk, and ``store(_:plan:)`` writes it.
    public func capture(_ plan: RecordingPlan) async throws(RecordFailure) -> CapturedCassette {
        guard !plan.credential.isEmpty else {
            throw .missingCredential(variable: plan.credentialSource, provider: plan.profile.name)
        }
        guard let scheme = plan.baseURL.scheme?.lowercased(), ["http", "https"].contains(scheme), plan.baseURL.host != nil,
            let url = plan.requestURL
        else {
            throw .invalidBaseURL(provider: plan.profile.name, detail: "the base URL \(plan.displayBaseURL) is not an http(s) URL")
        }
        var headers = plan.profile.requestHeaders
        headers.set("User-Agent", to: Self.userAgent)
        let credentialHeader = plan.profile.credential.header(for: plan.credential)
        headers.append(credentialHeader)

        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: plan.timeout)
        request.httpMethod = plan.profile.method
        for header in headers { request.setValue(header.value, forHTTPHeaderField: header.name) }

        let timing = ExchangeTiming.start()
        let (body, http) = try await perform(request, plan: plan)

        guard (200..<300).contains(http.statusCode) || plan.acceptedStatuses.contains(http.statusCode) else {
            throw .httpStatus(
                status: http.statusCode, url: plan.displayRequestURL, hint: RecordFailure.hint(status: http.statusCode, plan: plan))
        }

        let fixed = plan.fixedTimestamp
        let entry = RecordingPipeline.entry(
            request: RecordingPipeline.capture(method: plan.profile.method, url: plan.storedRequestURL ?? url, headers: headers),
            response: http, body: body, timing: timing, fixedTimestamp: fixed)
        let response = entry.response
        let log = HAR.Log(
            entries: [entry],
            cassette: CassetteMetadata(
                provider: plan.profile.name, source: plan.source, baseURL: plan.storedBaseURL,
                recordedAt: fixed ?? timing.startedDateTime))

        let policy = RedactionPolicy(
            knownSecrets: [plan.credential], pseudonymize: plan.pseudonymize, provider: plan.profile.name,
            allowOpaqueBodies: plan.allowOpaqueBodies)
        let sanitized: HAR.Log
        do throws(UnsafeCassetteError) {
            sanitized = try Redaction.sanitize(log, policy: policy)
        } catch {
            throw .unsafe(error)
        }
        return CapturedCassette(log: sanitized, status: http.statusCode, bodySize: response.content.size, url: plan.displayRequestURL)
    }

    /// The write stage for a captured cassette: atomically into `plan.output`, or not at all when
    /// the content on disk is the same (timestamps and durations aside), leaving it byte-identical.
    public func store(_ captured: CapturedCassette, plan: RecordingPlan) throws(RecordFailure) -> RecordingOutcome {
        let change = try write(captured.log, to: plan.output)
        return RecordingOutcome(
            url: captured.url, status: captured.status, bodySize: captured.bodySize,
            redaction: captured.log.cassette?.redaction ?? RedactionReport(), change: change, output: plan.output.path)
    }

    /// Sends the request through ``RecordingTransport``: redirects are not followed (the
    /// credential must not travel on), so a `3xx` is the answer, refused above.
    private func perform(_ request: URLRequest, plan: RecordingPlan) async throws(RecordFailure) -> (Data, HTTPURLResponse) {
        let session = RecordingTransport.session(timeout: plan.timeout)
        defer { session.finishTasksAndInvalidate() }
        let url = plan.displayRequestURL
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw RecordFailure.network(url: url, detail: "the answer is not HTTP")
            }
            return (data, http)
        } catch let failure as RecordFailure {
            throw failure
        } catch let error as URLError {
            throw Self.failure(for: error, url: url, timeout: plan.timeout)
        } catch {
            throw .network(url: url, detail: "request failed (\(type(of: error)))")
        }
    }

    /// A message for a URL loading error, in our words (never the request's headers).
    static func failure(for error: URLError, url: String, timeout: TimeInterval) -> RecordFailure {
        switch error.code {
        case .timedOut:
            return .timeout(url: url, seconds: timeout)
        case .cannotConnectToHost:
            return .network(url: url, detail: "connection refused")
        case .cannotFindHost, .dnsLookupFailed:
            return .network(url: url, detail: "unknown host")
        case .networkConnectionLost:
            return .network(url: url, detail: "the connection was closed before a complete answer")
        case .notConnectedToInternet:
            return .network(url: url, detail: "no network")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .clientCertificateRequired:
            return .tls(url: url, detail: "URL error \(error.code.rawValue)")
        case .badServerResponse:
            return .network(url: url, detail: "the server sent an invalid HTTP answer")
        default:
            return .network(url: url, detail: "URL error \(error.code.rawValue)")
        }
    }

    /// Writes unless the content on disk is already the same (timestamps aside).
    private func write(_ log: HAR.Log, to output: URL) throws(RecordFailure) -> RecordingOutcome.Change {
        var change = RecordingOutcome.Change.created
        if FileManager.default.fileExists(atPath: output.path) {
            if let existing = try? CassetteFile.read(output) {
                if CassetteComparison.sameContent(existing, log) { return .unchanged }
                change = .replaced(summary: CassetteComparison.changes(from: existing, to: log))
            } else {
                change = .replaced(summary: ["the previous file could not be read as a cassette"])
            }
        }
        do throws(CassetteWriteFailure) {
            try RecordingPipeline.write(log, to: output)
        } catch {
            throw .io(path: error.path, detail: error.detail)
        }
        return change
    }
}
