import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

// nio-floor --body FILE [--content-type TYPE]: the floor of the serve rows. A bare SwiftNIO
// HTTP/1.1 responder answering every request with the same bytes (no routing, no limits, no
// log), on MultiThreadedEventLoopGroup.singleton: the threads `cassette serve` runs on. Prints
// `listening on http://127.0.0.1:PORT` on stderr and runs until killed.

final class FixedResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let body: ByteBuffer
    let headers: HTTPHeaders

    init(body: ByteBuffer, contentType: String) {
        self.body = body
        headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(body.readableBytes))])
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: "--\(name)").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard let path = option("body"), let bytes = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("usage: nio-floor --body FILE [--content-type TYPE]\n".utf8))
    exit(2)
}
let responder = FixedResponder(body: ByteBuffer(bytes: bytes), contentType: option("content-type") ?? "application/json")
let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 256)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(responder)
        }
    }
    .bind(host: "127.0.0.1", port: 0).get()
FileHandle.standardError.write(Data("listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
try await channel.closeFuture.get()
