import CassetteAudit
import CassetteFormat
import CassetteProviders
import CassetteRedaction
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Records one `/me` call into a cassette: builds the request from a profile, performs it over a
/// real `URLSession`, redacts the result through `Redaction/sanitize(_:policy:)` (which fails
/// closed), and writes it atomically; or writes nothing at all and throws ``RecordFailure``.
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

        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let (body, http) = try await perform(request, plan: plan)
        let elapsed = clock.now - start
        let milliseconds = (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded()

        guard (200..<300).contains(http.statusCode) || plan.acceptedStatuses.contains(http.statusCode) else {
            throw .httpStatus(
                status: http.statusCode, url: plan.displayRequestURL, hint: RecordFailure.hint(status: http.statusCode, plan: plan))
        }

        let fixed = plan.fixedTimestamp
        let response = RecordedExchange.response(http, body: body)
        let entry = HAR.Entry(
            startedDateTime: fixed ?? RecordedExchange.timestamp(started), time: fixed == nil ? milliseconds : 0,
            request: RecordedExchange.request(method: plan.profile.method, url: plan.storedRequestURL ?? url, headers: headers),
            response: response,
            timings: HAR.Timings(send: 0, wait: fixed == nil ? milliseconds : 0, receive: 0))
        let log = HAR.Log(
            entries: [entry],
            cassette: CassetteMetadata(
                provider: plan.profile.name, source: plan.source, baseURL: plan.storedBaseURL,
                recordedAt: fixed ?? RecordedExchange.timestamp(started)))

        let policy = RedactionPolicy(
            knownSecrets: [plan.credential], pseudonymize: plan.pseudonymize, provider: plan.profile.name,
            allowOpaqueBodies: plan.allowOpaqueBodies)
        let sanitized: HAR.Log
        do throws(UnsafeCassetteError) {
            sanitized = try Redaction.sanitize(log, policy: policy)
        } catch {
            throw .unsafe(error)
        }
        let change = try write(sanitized, to: plan.output)
        return RecordingOutcome(
            url: plan.displayRequestURL, status: http.statusCode, bodySize: response.content.size,
            redaction: sanitized.cassette?.redaction ?? RedactionReport(), change: change, output: plan.output.path)
    }

    /// Sends the request; redirects are not followed (the credential must not travel on).
    private func perform(_ request: URLRequest, plan: RecordingPlan) async throws(RecordFailure) -> (Data, HTTPURLResponse) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = plan.timeout
        configuration.timeoutIntervalForResource = plan.timeout
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
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
        do {
            try CassetteFile.write(log, to: output)
        } catch {
            throw .io(path: output.path, detail: "\(error)")
        }
        return change
    }
}

/// Refuses every redirect, so the answer is the 3xx itself.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
