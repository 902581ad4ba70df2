import CassetteFormat
import CassetteRedaction
import Synchronization

/// An incoming request prepared twice: redacted (what is matched and shown) and, when
/// redaction changed it, as sent (matched only, never shown).
struct Incoming: Sendable {
    let redacted: PreparedRequest
    let raw: PreparedRequest?

    init(_ request: HAR.Request, policy: RedactionPolicy) {
        let redactedRequest = Redaction.redactRequest(request, policy: policy)
        redacted = PreparedRequest(redactedRequest)
        raw = redactedRequest == request ? nil : PreparedRequest(request)
    }
}

/// Incoming requests already redacted and prepared, by the exact request (method, URL, headers,
/// cookies, body): a client asking the same thing again (a test suite polling, a load test, a
/// front end reloading) does not pay for redaction and preparation again.
///
/// Exact because redacting a request is a pure function of the request and the player's policy
/// (a fresh redaction session per request, no randomness). Bounded: at most ``capacity``
/// requests of at most ``largestCachedBytes`` each (URL, header and body bytes) are kept, so
/// about 4 MiB at worst; when full it starts over. Larger requests are prepared afresh each time.
/// The requests kept are those the client sent, held in this process's memory only, like the
/// request being answered; nothing in the cache is ever printed.
final class IncomingRequestCache: Sendable {
    static let capacity = 256
    static let largestCachedBytes = 16 * 1024

    private let entries = Mutex<[HAR.Request: Incoming]>([:])

    /// The request redacted and prepared under `policy` (the same policy for every call).
    func incoming(_ request: HAR.Request, policy: RedactionPolicy) -> Incoming {
        guard Self.size(of: request) <= Self.largestCachedBytes else { return Incoming(request, policy: policy) }
        if let hit = entries.withLock({ $0[request] }) { return hit }
        let prepared = Incoming(request, policy: policy)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[request] = prepared
        }
        return prepared
    }

    /// The bytes a request holds, roughly (without walking any text).
    static func size(of request: HAR.Request) -> Int {
        var total = request.method.utf8.count + request.url.utf8.count + request.httpVersion.utf8.count
        for header in request.headers { total += header.name.utf8.count + header.value.utf8.count + 4 }
        for pair in request.queryString { total += pair.name.utf8.count + pair.value.utf8.count + 2 }
        for cookie in request.cookies {
            total +=
                cookie.name.utf8.count + cookie.value.utf8.count + 2 + (cookie.path?.utf8.count ?? 0)
                + (cookie.domain?.utf8.count ?? 0) + (cookie.expires?.utf8.count ?? 0) + (cookie.sameSite?.utf8.count ?? 0)
        }
        if let postData = request.postData {
            total += postData.text.utf8.count + postData.mimeType.utf8.count + (postData.encoding?.utf8.count ?? 0)
            for param in postData.params ?? [] { total += param.name.utf8.count + param.value.utf8.count + 2 }
        }
        return total
    }
}
