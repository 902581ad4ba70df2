import CassetteFormat
import Foundation

/// Base64 decoding that accepts the standard and URL alphabets, with or without padding.
enum Base64Text {
    /// Decodes base64url (or standard) text; `nil` when it is not base64.
    static func decodeURL(_ text: some StringProtocol) -> Data? {
        // The URL alphabet mapped to the standard one byte by byte, padding added.
        var normalized = Data(capacity: text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): normalized.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): normalized.append(UInt8(ascii: "/"))
            default: normalized.append(byte)
            }
        }
        let remainder = normalized.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 4 - remainder)) }
        return Data(base64Encoded: normalized)
    }

    /// Decodes a whole value that looks like base64 of readable text (at least 16 characters,
    /// one alphabet, decoding to UTF-8 that is mostly printable); `nil` otherwise.
    static func decodeReadableText(_ value: String) -> String? {
        let bytes = value.utf8
        guard bytes.count >= 16, bytes.count <= 16 * 1024 * 1024 else { return nil }
        let standard = bytes.allSatisfy { TokenFormats.isAlphanumeric($0) || $0 == 43 || $0 == 47 || $0 == 61 }
        let url = bytes.allSatisfy { TokenFormats.isBase64URL($0) || $0 == 61 }
        guard standard || url else { return nil }
        // `=` only pads: trimmed at both ends (a `=` left inside makes the decoder refuse).
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 61 { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == 61 { end = bytes.index(before: end) }
        let unpadded = value[start..<end]
        guard mayDecodeToText(unpadded.utf8) else { return nil }
        guard let data = decodeURL(unpadded), data.count >= 8,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let printable = text.unicodeScalars.filter { $0.value >= 32 || $0 == "\n" || $0 == "\r" || $0 == "\t" }.count
        return printable * 10 >= text.unicodeScalars.count * 9 ? text : nil
    }

    /// A cheap, exact pre-check of ``decodeReadableText(_:)``: decodes the characters' bits (as
    /// any decoder that accepts them must) and says `false` only when those bytes cannot be the
    /// readable UTF-8 text it wants: fewer than 8, more than a tenth control bytes (each one
    /// scalar, and there are at most as many scalars as bytes), or a malformed UTF-8 sequence.
    /// Random tokens, ids and hashes end here, without building `Data` or a `String`.
    static func mayDecodeToText(_ characters: Substring.UTF8View) -> Bool {
        guard characters.count % 4 != 1 else { return false }
        var accumulator: UInt32 = 0
        var bits = 0
        var count = 0
        var controls = 0
        var continuationsNeeded = 0
        for character in characters {
            guard let sextet = sextet(character) else { return false }
            accumulator = (accumulator << 6) | UInt32(sextet)
            bits += 6
            guard bits >= 8 else { continue }
            bits -= 8
            let byte = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
            accumulator &= (1 << UInt32(bits)) - 1
            count += 1
            if continuationsNeeded > 0 {
                guard byte & 0xC0 == 0x80 else { return false }
                continuationsNeeded -= 1
            } else if byte < 0x80 {
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { controls += 1 }
            } else if byte >= 0xC2 && byte <= 0xDF {
                continuationsNeeded = 1
            } else if byte >= 0xE0 && byte <= 0xEF {
                continuationsNeeded = 2
            } else if byte >= 0xF0 && byte <= 0xF4 {
                continuationsNeeded = 3
            } else {
                return false
            }
        }
        return count >= 8 && continuationsNeeded == 0 && controls * 10 <= count
    }

    /// The 6-bit value of a character of either alphabet.
    private static func sextet(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
