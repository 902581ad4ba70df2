import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The URL protocol that answers a replaying session's requests.
///
/// Never registered globally: each ``ReplaySession`` gets its own subclass (a ``Route``
/// nested to a unique depth), placed in its configuration's `protocolClasses`. When a request
/// arrives, the subclass's `ObjectIdentifier` finds the session's handler in ``RouteTable``.
/// This works on Linux, where a URL protocol sees neither task-local values, nor the
/// configuration's `httpAdditionalHeaders`, nor `URLProtocol.setProperty` values.
class ReplayURLProtocol: URLProtocol {
    /// Whether the task was stopped or already answered: nothing more may be delivered.
    private let ended = Mutex(false)

    override class func canInit(with request: URLRequest) -> Bool {
        // Every request of a replaying session is ours: a request we did not take would go
        // to the real network, which `none` must never do.
        true
    }

    override class func canonicalRequest(for request: URLRequest) -> URLRequest {
        request
    }

    override func startLoading() {
        let delivery = ProtocolDelivery(self)
        guard let handler = RouteTable.shared.handler(for: ObjectIdentifier(type(of: self))) else {
            delivery.fail(ReplayFailure.sessionEnded(url: request.url))
            return
        }
        let body: Data?
        do {
            body = try RequestBodyReader.body(of: request)
        } catch {
            delivery.fail(ReplayFailure.unreadableBody(url: request.url, detail: error.description))
            return
        }
        handler.handle(request, body: body, delivery: delivery)
    }

    override func stopLoading() {
        ended.withLock { $0 = true }
    }

    /// Marks the task answered; `false` when it was stopped or answered before.
    func claimDelivery() -> Bool {
        ended.withLock { ended in
            if ended { return false }
            ended = true
            return true
        }
    }
}

/// A distinct protocol class per nesting depth: `Route<ReplayURLProtocol>`,
/// `Route<Route<ReplayURLProtocol>>`, ... each is its own class at run time.
final class Route<Parent: ReplayURLProtocol>: ReplayURLProtocol {}

/// Hands results to the URL loading system on behalf of one protocol instance, from any
/// thread (latency and recording answer later, from other threads).
///
/// `@unchecked Sendable` because Foundation marks `URLProtocol`'s `Sendable` conformance
/// unavailable, although a protocol instance must be answered from whatever thread its work
/// finishes on. This value holds one immutable reference and no state of its own; it reads only
/// `request` and `client` (set when the URL loading system creates the instance, never changed),
/// the instance's one mutable flag is behind a `Mutex`, and each request is answered at most
/// once (``ReplayURLProtocol/claimDelivery()``).
struct ProtocolDelivery: @unchecked Sendable {
    private let target: ReplayURLProtocol

    init(_ target: ReplayURLProtocol) {
        self.target = target
    }

    /// The request as the URL loading system gave it.
    var request: URLRequest { target.request }

    /// Delivers a response and its body, then finishes.
    func respond(_ response: URLResponse, body: Data) {
        guard let client = target.client, target.claimDelivery() else { return }
        client.urlProtocol(target, didReceive: response, cacheStoragePolicy: .notAllowed)
        if !body.isEmpty { client.urlProtocol(target, didLoad: body) }
        client.urlProtocolDidFinishLoading(target)
    }

    /// Fails the request.
    func fail(_ error: any Error) {
        guard let client = target.client, target.claimDelivery() else { return }
        client.urlProtocol(target, didFailWithError: error)
    }
}
