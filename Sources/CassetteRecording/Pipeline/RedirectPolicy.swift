package import Foundation

#if canImport(FoundationNetworking)
    package import FoundationNetworking
#endif

/// The network side of the recording pipeline, and its redirect policy, decided once for
/// `cassette record` and in-test recording alike.
///
/// **The recorder never follows a redirect.** A `3xx` answer is recorded as it came, with its
/// `Location`, and handed on as the answer: `cassette record` refuses it (a `/me` endpoint that
/// redirects means the base URL is wrong), in-test recording gives it to the code under test.
/// So the credential never travels to another host by the recorder's doing, and every hop a
/// client chooses to follow is a request of its own, recorded (and replayed) as an interaction
/// of its own: the cassette holds each request the service answered, nothing hidden in between.
///
/// The session also keeps no cache and no cookie store: the request goes out with exactly the
/// headers it was given (cookies included), and the answer is the service's, never a cached one.
package enum RecordingTransport {
    /// A session for recording: ephemeral, no cache, no cookie store, redirects refused;
    /// `timeout` (seconds) bounds each request and the whole resource when given.
    package static func session(timeout: TimeInterval? = nil) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        if let timeout {
            configuration.timeoutIntervalForRequest = timeout
            configuration.timeoutIntervalForResource = timeout
        }
        return URLSession(configuration: configuration, delegate: RefusingRedirects(), delegateQueue: nil)
    }
}

/// Refuses every redirect, so the answer is the `3xx` itself.
private final class RefusingRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
