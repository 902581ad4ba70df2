import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The floor URLSession imposes: a URL protocol that answers every request at once with the
/// same 200 response and body (the body of the cassette's first interaction, set before use).
final class ConstantURLProtocol: URLProtocol {
    /// The body every request gets.
    static let body = BodyBox()

    override class func canInit(with request: URLRequest) -> Bool { true }

    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        guard let client, let url = request.url,
            let response = HTTPURLResponse(
                url: url, statusCode: 200, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "application/json"])
        else { return }
        client.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client.urlProtocol(self, didLoad: Self.body.data)
        client.urlProtocolDidFinishLoading(self)
    }

    override func stopLoading() {}
}

/// The constant body, set once before the benchmark starts.
final class BodyBox: Sendable {
    private let storage = Mutex(Data())
    var data: Data {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
