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
        guard let data = decodeURL(value.trimmingCharacters(in: CharacterSet(charactersIn: "="))), data.count >= 8,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let printable = text.unicodeScalars.filter { $0.value >= 32 || $0 == "\n" || $0 == "\r" || $0 == "\t" }.count
        return printable * 10 >= text.unicodeScalars.count * 9 ? text : nil
    }
}
