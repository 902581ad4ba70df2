import CassetteKit
import Foundation
import NIOCore

/// On the listening socket: says why an accept failed (out of file descriptors, most often) at
/// most once a second. `AcceptBackoffHandler` in front of it pauses accepting for a second, so
/// the server keeps serving the connections it has and accepts again once descriptors free up.
final class AcceptFailureLog: ChannelInboundHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    private let log: ServerLog
    private var lastLogged: NIODeadline?
    private var unlogged = 0

    init(log: ServerLog) {
        self.log = log
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let now = NIODeadline.now()
        if let last = lastLogged, now - last < .seconds(1) {
            unlogged += 1
            return
        }
        lastLogged = now
        let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? SafeDisplay.text("\(error)")
        let more = unlogged > 0 ? " (\(unlogged) more since the last message)" : ""
        unlogged = 0
        log("accepting a connection failed: \(reason)\(more); open connections are still served, accepting again in 1 s")
    }
}
