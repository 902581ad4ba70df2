import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP socket on 127.0.0.1 that listens but never accepts nor answers: connections complete in
/// the kernel's backlog and then hang, which is what a client's timeout must handle.
public final class SilentServer: Sendable {
    /// The port listened on.
    public let port: UInt16
    private let descriptor: Int32

    /// Opens the socket on a free port.
    public init() throws {
        let (fd, port) = try Self.bindLoopback()
        guard listen(fd, 16) == 0 else {
            _ = Self.closeDescriptor(fd)
            throw Failure(description: "listen failed (errno \(errno))")
        }
        descriptor = fd
        self.port = port
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Closes the socket.
    public func close() {
        _ = Self.closeDescriptor(descriptor)
    }

    /// A port on 127.0.0.1 nothing listens on (bound, then released): connecting is refused.
    public static func unusedPort() throws -> UInt16 {
        let (fd, port) = try bindLoopback()
        _ = closeDescriptor(fd)
        return port
    }

    /// Why the socket could not be opened.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.close(fd)
        #else
            Darwin.close(fd)
        #endif
    }

    private static func bindLoopback() throws -> (Int32, UInt16) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket failed (errno \(errno))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            _ = closeDescriptor(fd)
            throw Failure(description: "bind failed (errno \(errno))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            _ = closeDescriptor(fd)
            throw Failure(description: "getsockname failed (errno \(errno))")
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
