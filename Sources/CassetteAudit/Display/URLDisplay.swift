import CassetteFormat

/// A URL (absolute, or a path with a query) made safe part by part, in one pass over its bytes:
/// the user-info password always hidden, the user name, host labels, each path segment (and its
/// `;name=value` matrix parameters), each query parameter name and value, and the fragment each
/// judged (percent-decoded) by name, format and entropy. Parts that are not hidden are shown as
/// written, so the URL stays readable: `https://api.example.com/v2/users/me?page=2`.
enum URLDisplay {
    static func display(_ url: Substring, depth: Int) -> String {
        let bytes = url.utf8
        var output = ""
        var rest = url
        if let (schemeStart, afterSlashes) = schemeBounds(url) {
            if schemeStart != bytes.startIndex {
                output += TextDisplay.displayWord(url[..<schemeStart], depth: depth)
            }
            output += String(url[schemeStart..<afterSlashes])
            let tail = url[afterSlashes...]
            let authorityEnd =
                tail.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
                ?? tail.utf8.endIndex
            output += authority(tail[..<authorityEnd])
            rest = tail[authorityEnd...]
        }
        let fragmentStart = rest.utf8.firstIndex(of: UInt8(ascii: "#")) ?? rest.utf8.endIndex
        let beforeFragment = rest[..<fragmentStart]
        let queryStart = beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")) ?? beforeFragment.utf8.endIndex
        output += path(beforeFragment[..<queryStart], depth: depth)
        if queryStart != beforeFragment.utf8.endIndex {
            output += "?" + pairs(beforeFragment[beforeFragment.utf8.index(after: queryStart)...], depth: depth)
        }
        if fragmentStart != rest.utf8.endIndex {
            let fragment = rest[rest.utf8.index(after: fragmentStart)...]
            output += "#"
            output += fragment.utf8.contains(UInt8(ascii: "=")) ? pairs(fragment, depth: depth) : path(fragment, depth: depth)
        }
        return output
    }

    /// Where the scheme starts (after any text glued before it) and where `://` ends.
    private static func schemeBounds(_ url: Substring) -> (Substring.UTF8View.Index, Substring.UTF8View.Index)? {
        let bytes = url.utf8
        guard let range = firstRange(of: "://", in: url) else { return nil }
        var start = range.lowerBound
        while start != bytes.startIndex {
            let previous = bytes.index(before: start)
            let byte = bytes[previous]
            guard
                TokenFormats.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { break }
            start = previous
        }
        guard start != range.lowerBound else { return nil }
        return (start, range.upperBound)
    }

    private static func firstRange(of needle: String, in text: Substring) -> Range<Substring.UTF8View.Index>? {
        let bytes = text.utf8
        let pattern = Array(needle.utf8)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == pattern[0] {
                var probe = index
                var matched = 0
                while matched < pattern.count, probe != bytes.endIndex, bytes[probe] == pattern[matched] {
                    matched += 1
                    probe = bytes.index(after: probe)
                }
                if matched == pattern.count { return index..<probe }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// `user:password@host:port`: the password always hidden, the user and host labels judged.
    private static func authority(_ text: Substring) -> String {
        var output = ""
        var hostPart = text
        if let at = text.utf8.lastIndex(of: UInt8(ascii: "@")) {
            let userInfo = text[..<at]
            if let colon = userInfo.utf8.firstIndex(of: UInt8(ascii: ":")) {
                let password = userInfo[userInfo.utf8.index(after: colon)...]
                output += TextDisplay.judgeRun(userInfo[..<colon]) + ":"
                output += password.isEmpty || ValueMasking.isHarmless(password) ? String(password) : MaskKind.password.mask
            } else {
                output += TextDisplay.judgeRun(userInfo)
            }
            output += "@"
            hostPart = text[text.utf8.index(after: at)...]
        }
        var first = true
        for label in hostPart.split(separator: ".", omittingEmptySubsequences: false) {
            if !first { output += "." }
            first = false
            output += TextDisplay.judgeRun(label)
        }
        return output
    }

    /// Path segments, each judged; `;name=value` matrix parameters judged by name.
    private static func path(_ text: Substring, depth: Int) -> String {
        var output = ""
        var first = true
        for segment in text.split(separator: "/", omittingEmptySubsequences: false) {
            if !first { output += "/" }
            first = false
            var firstPart = true
            for part in segment.split(separator: ";", omittingEmptySubsequences: false) {
                if !firstPart { output += ";" }
                defer { firstPart = false }
                if !firstPart, let equals = part.utf8.firstIndex(of: UInt8(ascii: "=")), equals != part.startIndex {
                    let name = part[..<equals]
                    output += TextDisplay.judgeRun(name) + "="
                    output += TextDisplay.displayValue(
                        part[part.utf8.index(after: equals)...], name: name, plusAsSpace: false, depth: depth)
                } else {
                    output += TextDisplay.judgeRun(part)
                }
            }
        }
        return output
    }

    /// `name=value` pairs joined by `&` (or `;`): names judged as runs, values by name and as text.
    private static func pairs(_ text: Substring, depth: Int) -> String {
        var output = ""
        var pieceStart = text.utf8.startIndex
        var index = text.utf8.startIndex
        func finish(_ end: Substring.UTF8View.Index) {
            let pair = text[pieceStart..<end]
            if let equals = pair.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = pair[..<equals]
                output += TextDisplay.judgeRun(name) + "="
                output += TextDisplay.displayValue(pair[pair.utf8.index(after: equals)...], name: name, plusAsSpace: true, depth: depth)
            } else {
                output += TextDisplay.judgeRun(pair)
            }
        }
        while index != text.utf8.endIndex {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: ";") {
                finish(index)
                output.unicodeScalars.append(Unicode.Scalar(byte))
                pieceStart = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        finish(text.utf8.endIndex)
        return output
    }
}
