import CassetteKit
import Foundation
import NIOCore
import NIOHTTP1

/// Reads requests on one connection, bounded by ``ServerLimits``, and answers each with the
/// server's handler, synchronously on the connection's event loop: requests on a connection are
/// answered in order, and nothing waits on Swift's cooperative thread pool.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: ServerHandler
    private let limits: ServerLimits
    private let progress: RequestProgress
    /// Answer every request with 503 (the connection is over the limit).
    private let refuse: Bool
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// A limit answer was sent: ignore what is still arriving, the connection is closing.
    private var closing = false
    private var wroteSinceFlush = false

    init(handler: @escaping ServerHandler, limits: ServerLimits, progress: RequestProgress, refuse: Bool) {
        self.handler = handler
        self.limits = limits
        self.progress = progress
        self.refuse = refuse
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            received(requestHead, context: context)
        case .body(var part):
            guard head != nil else { return }
            let already = body?.readableBytes ?? 0
            guard already + part.readableBytes <= limits.maxBodyBytes else {
                answerAndClose(.bodyTooLarge(limits.maxBodyBytes), context: context)
                return
            }
            if body == nil {
                body = part
            } else {
                body?.writeBuffer(&part)
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let bytes = body
            body = nil
            progress.requestEnded()
            answer(requestHead, body: bytes, context: context)
        }
    }

    private func received(_ requestHead: HTTPRequestHead, context: ChannelHandlerContext) {
        if refuse {
            answerAndClose(.tooManyConnections(limits.maxConnections), context: context)
            return
        }
        if requestHead.uri.utf8.count > limits.maxRequestLineBytes {
            answerAndClose(.requestLineTooLong(limits.maxRequestLineBytes), context: context)
            return
        }
        var headerBytes = 0
        for (name, value) in requestHead.headers { headerBytes += name.utf8.count + value.utf8.count }
        if headerBytes > limits.maxHeaderBytes {
            answerAndClose(.headersTooLarge(limits), context: context)
            return
        }
        if let declared = requestHead.headers.first(name: "content-length").flatMap(Int.init), declared > limits.maxBodyBytes {
            answerAndClose(.bodyTooLarge(limits.maxBodyBytes), context: context)
            return
        }
        if requestHead.headers.first(name: "expect")?.lowercased() == "100-continue" {
            let interim = HTTPResponseHead(version: requestHead.version, status: .continue)
            context.write(wrapOutboundOut(.head(interim)), promise: nil)
            wroteSinceFlush = true
        }
        head = requestHead
    }

    private func answer(_ requestHead: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
        let request = ServerRequest(head: requestHead, body: body)
        let response = handler(request)
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 2)
        for header in response.headers where !Self.isFramingHeader(header.name) {
            headers.add(name: header.name, value: header.value)
        }
        headers.add(name: "Content-Length", value: String(response.body.count))
        let keepAlive = requestHead.isKeepAlive
        // Said either way, as Node and most servers do (the emulator's recordings keep it).
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: HTTPStatusPhrase.phrase(for: response.status))
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: requestHead.version, status: status, headers: headers))), promise: nil)
        if requestHead.method != .HEAD, !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        if keepAlive {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            wroteSinceFlush = true
        } else {
            closing = true
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// Headers the server sets itself (a handler's would contradict the framing).
    private static func isFramingHeader(_ name: String) -> Bool {
        for framing in ["content-length", "transfer-encoding", "connection", "keep-alive"]
        where CassetteResponder.equalsIgnoringASCIICase(name, framing) {
            return true
        }
        return false
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if wroteSinceFlush {
            wroteSinceFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing else { return }
        if let parserError = error as? HTTPParserError {
            if case .headerOverflow = parserError {
                answerAndClose(
                    progress.requestLineEnded ? .headersTooLarge(limits) : .requestLineTooLong(limits.maxRequestLineBytes),
                    context: context)
            } else {
                answerAndClose(.badRequest, context: context)
            }
            return
        }
        // A reset or a broken pipe: nothing to answer.
        closing = true
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            closing = true
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Sends one of the server's own answers and closes the connection once it is written.
    func answerAndClose(_ canned: CannedAnswer, context: ChannelHandlerContext) {
        closing = true
        progress.drainBudget = 1 << 20
        head = nil
        body = nil
        var headers = HTTPHeaders()
        for (name, value) in canned.headers { headers.add(name: name, value: value) }
        let status = HTTPResponseStatus(statusCode: canned.status, reasonPhrase: canned.reason)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: canned.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            // Stop sending, keep reading (and dropping, 1 MiB at most) for a moment: closing with
            // unread bytes would reset the connection, and the client could lose the answer.
            context.close(mode: .output, promise: nil)
            let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .seconds(1)) { boundContext.value.close(promise: nil) }
        }
    }
}
