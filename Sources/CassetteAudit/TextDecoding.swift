import CassetteFormat
import Foundation

/// Lenient decoders for the layers a secret can hide under in text, each one linear pass that
/// keeps what it cannot decode (so `100% sure` does not stop `%3D` from being decoded).
enum TextDecoding {
    /// Percent-decoding that leaves invalid sequences as they are; `nil` when nothing changed.
    static func percentDecoded(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var changed = false
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                changed = true
                continue
            }
            output.append(byte)
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : nil
    }

    /// JSON string escapes (`\u0073`, `\"`, `\/`, `\n`, surrogate pairs) decoded; a lone surrogate
    /// or a bad escape is kept as written. `nil` when the text has no backslash escape.
    static func jsonUnescaped(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return nil }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                output.append(byte)
                index += 1
                continue
            }
            let next = bytes[index + 1]
            switch next {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "'"):
                output.append(next)
            case UInt8(ascii: "n"): output.append(0x0a)
            case UInt8(ascii: "r"): output.append(0x0d)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "b"), UInt8(ascii: "f"): output.append(0x20)
            case UInt8(ascii: "u"), UInt8(ascii: "x"):
                let width = next == UInt8(ascii: "u") ? 4 : 2
                guard let unit = hexNumber(bytes, at: index + 2, width: width) else {
                    output.append(byte)
                    index += 1
                    continue
                }
                var scalarValue = unit
                var consumed = 2 + width
                if width == 4, (0xD800...0xDBFF).contains(unit), bytes.count >= index + 12, bytes[index + 6] == UInt8(ascii: "\\"),
                    bytes[index + 7] == UInt8(ascii: "u"),
                    let low = hexNumber(bytes, at: index + 8, width: 4), (0xDC00...0xDFFF).contains(low)
                {
                    scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    consumed = 12
                }
                if let scalar = Unicode.Scalar(scalarValue) {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    output.append(UInt8(ascii: "?"))
                }
                index += consumed
                changed = true
                continue
            default:
                output.append(byte)
                index += 1
                continue
            }
            changed = true
            index += 2
        }
        return changed ? String(decoding: output, as: UTF8.self) : nil
    }

    private static func hexNumber(_ bytes: [UInt8], at start: Int, width: Int) -> UInt32? {
        guard start + width <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<width {
            guard let digit = hexValue(bytes[start + offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    /// Whether bytes read as text: valid UTF-8 with at most 10% control characters.
    static func isReadableText(_ data: Data) -> Bool {
        guard let text = String(data: data, encoding: .utf8) else { return false }
        var control = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value < 32, scalar != "\n", scalar != "\r", scalar != "\t" { control += 1 }
        }
        return control * 10 <= total
    }
}

/// URLs inside free text (`Link: <https://...>; rel=next`, HTML `href`, log lines): each from its
/// scheme to the first byte that cannot be part of a URL in text.
enum URLText {
    /// Every `scheme://...` run in a text.
    static func urls(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var urls: [String] = []
        var covered = 0
        // A URL inside another one (`redirect_uri=https://...`) is audited with its outer URL.
        for offset in AuditByteSearch.offsets(of: Array("://".utf8), in: bytes) where offset >= covered {
            var start = offset
            while start > 0, isSchemeByte(bytes[start - 1]), offset - start < 32 { start -= 1 }
            guard start < offset else { continue }
            var end = offset + 3
            while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
            urls.append(String(decoding: bytes[start..<end], as: UTF8.self))
            covered = end
        }
        return urls
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        TokenFormats.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"),
            UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"):
            return true
        default:
            return false
        }
    }
}
