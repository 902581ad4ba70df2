import NIOCore

/// What one connection's handlers know about the request being read, shared between the byte
/// watcher in front of the HTTP decoder and the request handler behind it. Lives on the
/// connection's event loop only.
final class RequestProgress {
    /// Bytes of a request arrived and its end has not been decoded yet.
    var pending = false
    /// A line feed arrived since the last request ended: the request line is complete, so an
    /// oversized head is the headers' fault (431), not the request line's (414).
    var requestLineEnded = false
    /// The request-timeout timer for the pending request.
    var deadline: Scheduled<Void>?
    /// Set once a limit answer is sent: bytes still arriving are dropped unread, up to this many;
    /// past them the connection is closed at once.
    var drainBudget: Int?

    /// The request being read ended (its answer is written).
    func requestEnded() {
        pending = false
        requestLineEnded = false
    }
}

/// Sits in front of the HTTP decoder and watches raw bytes: marks a request as pending when its
/// bytes start arriving, notes the end of the request line, and arms the request timeout while a
/// request is incomplete after a read (a request that arrives whole in one read costs no timer).
final class RequestWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let progress: RequestProgress
    private let timeout: TimeAmount
    private let answer: CannedAnswer

    /// `answer` is sent (below the HTTP encoder) when a request is still incomplete `timeout`
    /// after its first bytes.
    init(progress: RequestProgress, timeout: TimeAmount, answer: CannedAnswer) {
        self.progress = progress
        self.timeout = timeout
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        if let budget = progress.drainBudget {
            let left = budget - bytes.readableBytes
            progress.drainBudget = left
            if left < 0 { context.close(promise: nil) }
            return
        }
        if bytes.readableBytes > 0 {
            progress.pending = true
            if !progress.requestLineEnded, bytes.readableBytesView.contains(UInt8(ascii: "\n")) {
                progress.requestLineEnded = true
            }
        }
        context.fireChannelRead(data)
        if progress.pending {
            if progress.deadline == nil {
                let watcher = NIOLoopBound(self, eventLoop: context.eventLoop)
                let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                progress.deadline = context.eventLoop.scheduleTask(in: timeout) {
                    watcher.value.deadlinePassed(context: boundContext.value)
                }
            }
        } else if let deadline = progress.deadline {
            deadline.cancel()
            progress.deadline = nil
        }
    }

    private func deadlinePassed(context: ChannelHandlerContext) {
        progress.deadline = nil
        guard progress.pending else { return }
        progress.pending = false
        context.writeAndFlush(NIOAny(answer.wire(allocator: context.channel.allocator))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        progress.deadline?.cancel()
        progress.deadline = nil
    }
}
