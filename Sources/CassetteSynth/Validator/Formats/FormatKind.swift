import Foundation

/// The `format` values the validator asserts. Others are annotations only (ignored).
enum FormatKind: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case email
    case uri
    case uuid
    case ipv4
    case ipv6
    case hostname
    case jsonPointer = "json-pointer"
    case regex

    /// Whether `text` is valid for this format.
    func check(_ text: String) -> Bool {
        switch self {
        case .dateTime: return DateTimeFormats.isDateTime(text)
        case .date: return DateTimeFormats.isDate(text)
        case .time: return DateTimeFormats.isTime(text)
        case .email: return EmailFormat.isEmail(text)
        case .uri: return URIFormat.isAbsoluteURI(text)
        case .uuid: return Self.isUUID(text)
        case .ipv4: return IPAddressFormat.isIPv4(Substring(text))
        case .ipv6: return IPAddressFormat.isIPv6(Substring(text))
        case .hostname: return HostnameFormat.isHostname(text)
        case .jsonPointer: return Self.isJSONPointer(text)
        case .regex: return (try? PatternMatcher(text)) != nil
        }
    }

    /// 8-4-4-4-12 hexadecimal digits, any case.
    static func isUUID(_ text: String) -> Bool {
        withUTF8Bytes(text) { bytes in
            guard bytes.count == 36 else { return false }
            for (index, byte) in bytes.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return false }
                } else if URIText.hexValue(byte) == nil {
                    return false
                }
            }
            return true
        }
    }

    /// RFC 6901: empty, or `/`-prefixed tokens where `~` is only followed by `0` or `1`.
    static func isJSONPointer(_ text: String) -> Bool {
        if text.isEmpty { return true }
        guard text.hasPrefix("/") else { return false }
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "~" {
                guard let next = scalars.next(), next == "0" || next == "1" else { return false }
            }
        }
        return true
    }
}

/// `ipv4` (dotted quad, no leading zeros) and `ipv6` (RFC 4291 text forms, no zone, no prefix).
enum IPAddressFormat {
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.utf8.count), part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                part.utf8.count == 1 || part.utf8.first != UInt8(ascii: "0"), let value = Int(part), value <= 255
            else { return false }
        }
        return true
    }

    static func isIPv6(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        if halves.count == 2 {
            guard let head = groupCount(halves[0], mayEndWithIPv4: false),
                let tail = groupCount(halves[1], mayEndWithIPv4: true)
            else { return false }
            return head + tail <= 7
        }
        return groupCount(halves[0], mayEndWithIPv4: true) == 8
    }

    /// The number of 16-bit groups in a `:`-separated run (an IPv4 tail counts two), or `nil`.
    private static func groupCount(_ run: String, mayEndWithIPv4: Bool) -> Int? {
        if run.isEmpty { return 0 }
        let groups = run.split(separator: ":", omittingEmptySubsequences: false)
        var count = 0
        for (index, group) in groups.enumerated() {
            if group.contains(".") {
                guard mayEndWithIPv4, index == groups.count - 1, isIPv4(group) else { return nil }
                count += 2
            } else {
                guard (1...4).contains(group.utf8.count), group.utf8.allSatisfy({ URIText.hexValue($0) != nil })
                else { return nil }
                count += 1
            }
        }
        return count
    }
}
