import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 response as read off a socket.
public struct RawHTTPResponse: Sendable {
    /// The status code.
    public let status: Int
    /// Header lines in order (`name`, `value`).
    public let headers: [(name: String, value: String)]
    /// The body (as many bytes as `Content-Length` says).
    public let body: [UInt8]
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A plain TCP connection to a loopback server, for tests that send what no HTTP client would
/// (a megabyte request line, half a header, a body that never ends) and read what comes back.
/// Every receive waits at most `receiveTimeout` seconds, so a test never hangs.
public final class RawHTTPConnection {
    /// Why a connection could not be made.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private var descriptor: Int32
    private var pending: [UInt8] = []

    /// Connects to `address` (`127.0.0.1` or `::1`) on `port`.
    public init(address: String = "127.0.0.1", port: Int, receiveTimeout: Double = 10) throws {
        let isIPv6 = address.contains(":")
        #if canImport(Glibc)
            let stream = Int32(SOCK_STREAM.rawValue)
        #else
            let stream = SOCK_STREAM
        #endif
        descriptor = socket(isIPv6 ? AF_INET6 : AF_INET, stream, 0)
        guard descriptor >= 0 else { throw Failure(description: "socket(): \(String(cString: strerror(errno)))") }
        var timeout = timeval()
        timeout.tv_sec = .init(Int(receiveTimeout))
        timeout.tv_usec = .init((receiveTimeout - Double(Int(receiveTimeout))) * 1_000_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        if isIPv6 {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, address, &socketAddress.sin6_addr)
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, address, &socketAddress.sin_addr)
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            closeSocket(descriptor)
            throw Failure(description: "connect to \(address):\(port): \(reason)")
        }
    }

    deinit { close() }

    /// Sends bytes; `false` once the server has closed or reset the connection.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        guard descriptor >= 0 else { return false }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { sendNoSignal(descriptor, $0.baseAddress, $0.count) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Sends text as UTF-8.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads one response (head, then `Content-Length` bytes of body); `nil` when the
    /// connection closes or the receive timeout passes first.
    public func readResponse() -> RawHTTPResponse? {
        while true {
            if let end = headEnd() {
                let headText = String(decoding: pending[..<end], as: UTF8.self)
                var lines = headText.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
                let headers = lines.compactMap { line -> (name: String, value: String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
                while pending.count < end + 4 + length {
                    guard receive() else { return nil }
                }
                let body = Array(pending[(end + 4)..<(end + 4 + length)])
                pending.removeFirst(end + 4 + length)
                if status == 100 { continue }
                return RawHTTPResponse(status: status, headers: headers, body: body)
            }
            guard receive() else { return nil }
        }
    }

    /// Reads and drops everything until the server closes the connection; `false` if the
    /// receive timeout passed first (the server kept it open).
    public func waitForClose() -> Bool {
        pending.removeAll()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }

    /// Closes the connection (idempotent).
    public func close() {
        if descriptor >= 0 {
            closeSocket(descriptor)
            descriptor = -1
        }
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func receive() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending += buffer[..<count]
        return true
    }
}

extension RawHTTPConnection {
    /// `GET path` on a fresh connection, waiting at most `timeout` seconds for the whole
    /// answer: the "a normal request still gets its answer" check of the hostile-input tests.
    public static func get(
        _ path: String, address: String = "127.0.0.1", port: Int, headers: [String: String] = [:], timeout: Double = 1
    ) -> RawHTTPResponse? {
        guard let connection = try? RawHTTPConnection(address: address, port: port, receiveTimeout: timeout) else { return nil }
        defer { connection.close() }
        var request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        connection.send(request + "\r\n")
        return connection.readResponse()
    }
}

private func closeSocket(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}

private func sendNoSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        return Darwin.send(descriptor, bytes, count, 0)
    #endif
}
