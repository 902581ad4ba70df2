import CassetteFormat

/// JSON as browsers and servers really send it, read in one pass without recursion: `NaN`,
/// `Infinity` and other bare words, single-quoted strings, lone surrogate escapes, trailing
/// commas, comments, and nesting as deep as the input (an explicit stack, no call depth).
///
/// Used when the strict parser refuses a value, so that one odd byte never turns key-based
/// redaction off: strings under a secret-named member (at any depth below it) are replaced
/// whole, numbers there become 0, every other string and member name goes through the value
/// rules. Bytes that are not redacted are kept as they were. A value it cannot follow
/// (an unterminated string, a stray byte) is not JSON: the caller refuses the body.
enum TolerantJSON {
    /// The end of the value starting at `start` (blanks skipped by the caller), or `nil` when
    /// there is no complete value there.
    static func valueEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        var depth = 0
        repeat {
            index = skipBlanksAndComments(bytes, from: index)
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return nil }
                depth -= 1
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return nil }
                index += 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let end = stringEnd(bytes, from: index) else { return nil }
                index = end
            default:
                guard isBareByte(byte) else { return nil }
                while index < bytes.count, isBareByte(bytes[index]) { index += 1 }
            }
        } while depth > 0
        return index
    }

    /// The index after the closing quote of the string opening at `start`.
    static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { return index + 1 }
            if byte == UInt8(ascii: "\\") { index += 2 } else { index += 1 }
        }
        return nil
    }

    /// Letters, digits, `+ - . _ $`: numbers, `true`, `NaN`, `-Infinity`, `undefined`.
    static func isBareByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    static func skipBlanksAndComments(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index = min(index + 2, bytes.count)
            } else {
                break
            }
        }
        return index
    }

    /// The text of a quoted string: escapes undone, a lone surrogate (or a broken escape)
    /// read as U+FFFD.
    static func decodeString(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = bytes.startIndex + 1
        let end = bytes.endIndex - 1
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll(keepingCapacity: true)
            }
        }
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < end else {
                raw.append(byte)
                index += 1
                continue
            }
            flush()
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard let high = hex4(bytes, at: index, end: end) else {
                    scalars.append("\u{FFFD}")
                    continue
                }
                index += 4
                if (0xD800..<0xDC00).contains(high), index + 1 < end, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: index + 2, end: end), (0xDC00..<0xE000).contains(low)
                {
                    index += 6
                    scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(high) ?? "\u{FFFD}")
                }
            default:
                scalars.append(Unicode.Scalar(escape))
            }
        }
        flush()
        return String(scalars)
    }

    private static func hex4(_ bytes: ArraySlice<UInt8>, at start: Int, end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for byte in bytes[start..<(start + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
