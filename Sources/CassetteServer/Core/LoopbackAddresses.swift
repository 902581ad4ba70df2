#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the `--host` a user gives into the numeric addresses to bind, and says whether they are
/// all loopback.
///
/// `localhost` means both loopbacks, `127.0.0.1` and `::1` (whatever the resolver answers for
/// it, RFC 6761); a numeric address (`127.1`, `::1`, `0.0.0.0`) is itself; any other name is
/// resolved, and every address it resolves to is bound.
public enum LoopbackAddresses {
    /// The numeric addresses `host` stands for, IPv4 first, without duplicates; empty when it
    /// does not resolve.
    public static func resolve(_ host: String) -> [String] {
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if trimmed.lowercased() == "localhost" { return ["127.0.0.1", "::1"] }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(trimmed, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var v4: [String] = []
        var v6: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = numeric(entry.pointee) {
                if entry.pointee.ai_family == AF_INET6 {
                    if !v6.contains(address) { v6.append(address) }
                } else if !v4.contains(address) {
                    v4.append(address)
                }
            }
            cursor = entry.pointee.ai_next
        }
        return v4 + v6
    }

    /// Whether `host` resolves, and only to loopback addresses (`127.0.0.0/8`, `::1`).
    public static func isLoopback(_ host: String) -> Bool {
        let addresses = resolve(host)
        return !addresses.isEmpty && addresses.allSatisfy(isLoopbackAddress)
    }

    /// Whether a numeric address is a loopback one.
    public static func isLoopbackAddress(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.lowercased().hasPrefix("::ffff:127.")
    }

    /// `127.0.0.1:8080` or `[::1]:8080`.
    public static func hostPort(_ address: String, port: Int) -> String {
        address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    private static func numeric(_ entry: addrinfo) -> String? {
        guard let socketAddress = entry.ai_addr else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = entry.ai_family
        let written: UnsafePointer<CChar>? = buffer.withUnsafeMutableBufferPointer { out in
            if family == AF_INET {
                return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                    var raw = ipv4.pointee.sin_addr
                    return inet_ntop(AF_INET, &raw, out.baseAddress, socklen_t(out.count))
                }
            }
            if family == AF_INET6 {
                return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                    var raw = ipv6.pointee.sin6_addr
                    return inet_ntop(AF_INET6, &raw, out.baseAddress, socklen_t(out.count))
                }
            }
            return nil
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
