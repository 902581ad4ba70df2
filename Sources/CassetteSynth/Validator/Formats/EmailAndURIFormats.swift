/// `email`: an RFC 5321 mailbox: a dot-atom or quoted-string local part, `@`, then a hostname
/// or an address literal (`[192.0.2.1]`, `[IPv6:...]`). ASCII only (non-ASCII is `idn-email`).
enum EmailFormat {
    private static let atext = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    static func isEmail(_ text: String) -> Bool {
        withUTF8Bytes(text) { isEmail($0) }
    }

    private static func isEmail(_ bytes: ByteSlice) -> Bool {
        guard let at = bytes.lastPosition(of: UInt8(ascii: "@")), at > bytes.startIndex, at < bytes.endIndex - 1 else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.count <= 64, isLocalPart(local) else { return false }
        if domain.first == UInt8(ascii: "[") {
            guard domain.last == UInt8(ascii: "]") else { return false }
            let literal = String(decoding: domain.dropFirst().dropLast(), as: UTF8.self)
            if literal.hasPrefix("IPv6:") { return IPAddressFormat.isIPv6(literal.dropFirst(5)) }
            return IPAddressFormat.isIPv4(Substring(literal))
        }
        return HostnameFormat.isHostname(domain)
    }

    private static func isLocalPart(_ local: ByteSlice) -> Bool {
        if local.first == UInt8(ascii: "\"") {
            guard local.count >= 2, local.last == UInt8(ascii: "\"") else { return false }
            var escaped = false
            for byte in local.dropFirst().dropLast() {
                if escaped {
                    guard byte >= 0x20, byte < 0x7F else { return false }
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\"") else { return false }
                }
            }
            return !escaped
        }
        let atext = Self.atext
        var atomLength = 0
        for byte in local {
            if byte == UInt8(ascii: ".") {
                guard atomLength > 0 else { return false }
                atomLength = 0
            } else {
                guard atext.contains(byte) else { return false }
                atomLength += 1
            }
        }
        return atomLength > 0
    }
}

/// `uri`: an RFC 3986 absolute URI (scheme required, fragment allowed), checked character class
/// by character class, with IP literals checked as addresses.
enum URIFormat {
    private static let unreserved = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
    private static let subDelims = ByteSet("!$&'()*+,;=".utf8)

    static func isAbsoluteURI(_ text: String) -> Bool {
        withUTF8Bytes(text) { isAbsoluteURI($0) }
    }

    private static func isAbsoluteURI(_ bytes: ByteSlice) -> Bool {
        guard let colon = bytes.firstPosition(of: UInt8(ascii: ":")), colon > bytes.startIndex, isScheme(bytes[..<colon]) else {
            return false
        }
        if isPlainTail(bytes[(colon + 1)...]) { return true }
        var rest = bytes[(colon + 1)...]
        // One scan for the first `?` or `#`: a `#` first starts the fragment (no query); a `?`
        // first starts the query, and the fragment is the first `#` after it.
        var delimiter = rest.startIndex
        while delimiter < rest.endIndex, rest[delimiter] != UInt8(ascii: "?"), rest[delimiter] != UInt8(ascii: "#") {
            delimiter += 1
        }
        if delimiter < rest.endIndex {
            var queryEnd = rest.endIndex
            if rest[delimiter] == UInt8(ascii: "?") {
                let afterQuestion = rest[(delimiter + 1)...]
                if let hash = afterQuestion.firstPosition(of: UInt8(ascii: "#")) {
                    guard isQueryOrFragment(rest[(hash + 1)...]) else { return false }
                    queryEnd = hash
                }
                guard isQueryOrFragment(rest[(delimiter + 1)..<queryEnd]) else { return false }
            } else {
                guard isQueryOrFragment(rest[(delimiter + 1)...]) else { return false }
            }
            rest = rest[..<delimiter]
        }
        if rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let afterSlashes = rest.dropFirst(2)
            let pathStart = afterSlashes.firstPosition(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            return isAuthority(afterSlashes[..<pathStart]) && isPath(afterSlashes[pathStart...])
        }
        return isPath(rest)
    }

    private static let plainHost = unreserved.union(subDelims)
    private static let plainPath = plainHost.union(ByteSet(":@/".utf8))
    private static let plainQuery = plainPath.union(ByteSet("?".utf8))

    /// One pass for the common shape of what follows `scheme:`: an optional `//` and a host of
    /// unreserved and sub-delimiter bytes (no user info, port or IP literal), then path, query and
    /// fragment without `%` escapes. True only when the full check below would accept; false means
    /// "not this shape", and the full check decides.
    private static func isPlainTail(_ rest: ByteSlice) -> Bool {
        let buffer = UnsafeBufferPointer(rebasing: rest)
        let count = buffer.count
        var index = 0
        if count >= 2, buffer[0] == UInt8(ascii: "/"), buffer[1] == UInt8(ascii: "/") {
            index = 2
            let host = plainHost
            while index < count, host.contains(buffer[index]) { index += 1 }
            guard
                index == count || buffer[index] == UInt8(ascii: "/") || buffer[index] == UInt8(ascii: "?")
                    || buffer[index] == UInt8(ascii: "#")
            else { return false }
        }
        let path = plainPath
        while index < count, path.contains(buffer[index]) { index += 1 }
        let query = plainQuery
        if index < count, buffer[index] == UInt8(ascii: "?") {
            index += 1
            while index < count, query.contains(buffer[index]) { index += 1 }
        }
        if index < count, buffer[index] == UInt8(ascii: "#") {
            index += 1
            while index < count, query.contains(buffer[index]) { index += 1 }
        }
        return index == count
    }

    private static func isScheme(_ bytes: ByteSlice) -> Bool {
        guard let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else {
            return false
        }
        return bytes.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Whether every byte is in `allowed` or part of a valid `%XX` escape.
    private static func isEncoded(_ bytes: ByteSlice, extra: ByteSet) -> Bool {
        let buffer = UnsafeBufferPointer(rebasing: bytes)
        let allowed = unreserved.union(subDelims).union(extra)
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < buffer.count, URIText.hexValue(buffer[index + 1]) != nil, URIText.hexValue(buffer[index + 2]) != nil
                else { return false }
                index += 3
                continue
            }
            guard allowed.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    private static let pathExtra = ByteSet(":@/".utf8)
    private static let queryExtra = ByteSet(":@/?".utf8)

    private static func isPath(_ bytes: ByteSlice) -> Bool { isEncoded(bytes, extra: pathExtra) }
    private static func isQueryOrFragment(_ bytes: ByteSlice) -> Bool { isEncoded(bytes, extra: queryExtra) }

    private static func isAuthority(_ authority: ByteSlice) -> Bool {
        var hostPort = authority
        if let at = authority.lastPosition(of: UInt8(ascii: "@")) {
            guard isEncoded(authority[..<at], extra: [UInt8(ascii: ":")]) else { return false }
            hostPort = authority[(at + 1)...]
        }
        var portText: ByteSlice = hostPort[hostPort.endIndex...]
        if hostPort.first == UInt8(ascii: "[") {
            guard let close = hostPort.firstPosition(of: UInt8(ascii: "]")) else { return false }
            let literal = String(decoding: hostPort[(hostPort.startIndex + 1)..<close], as: UTF8.self)
            guard isIPLiteral(literal) else { return false }
            let after = hostPort[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return false }
                portText = after.dropFirst()
            }
        } else {
            var host = hostPort
            if let colon = hostPort.firstPosition(of: UInt8(ascii: ":")) {
                host = hostPort[..<colon]
                portText = hostPort[(colon + 1)...]
            }
            guard isEncoded(host, extra: []) else { return false }
        }
        return portText.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isIPLiteral(_ literal: String) -> Bool {
        if literal.hasPrefix("v") || literal.hasPrefix("V") {
            // IPvFuture: "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            let parts = literal.dropFirst().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy({ URIText.hexValue($0) != nil }),
                !parts[1].isEmpty
            else { return false }
            return parts[1].utf8.allSatisfy { unreserved.contains($0) || subDelims.contains($0) || $0 == UInt8(ascii: ":") }
        }
        return IPAddressFormat.isIPv6(Substring(literal))
    }
}
