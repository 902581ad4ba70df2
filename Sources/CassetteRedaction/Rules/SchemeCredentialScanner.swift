import CassetteFormat

/// The credential after `Bearer`/`Basic` inside free text (an echoed header, an error message):
/// `value:auth-scheme`. It must be at least 8 characters of `[A-Za-z0-9-._~+/:*[]]` plus `=`
/// padding and contain a digit or a symbol, so prose like "Basic information" is left alone.
///
/// One pass: each credential run follows exactly one scheme word and its blanks.
enum SchemeCredentialScanner {
    private static let words: [[UInt8]] = ["Bearer", "bearer", "BEARER", "Basic", "basic", "BASIC"].map { Array($0.utf8) }

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x42 || byte == 0x62, let word = words.first(where: { ByteClass.hasLiteral(bytes, $0, at: index) }) else {
                index += 1
                continue
            }
            let blanksEnd = ByteClass.runEnd(bytes, from: index + word.count) { $0 == 0x20 || $0 == 0x09 }
            guard blanksEnd > index + word.count else {
                index += word.count
                continue
            }
            let runEnd = ByteClass.runEnd(bytes, from: blanksEnd, isCredentialByte)
            let end = ByteClass.runEnd(bytes, from: runEnd) { $0 == 0x3D }
            if runEnd - blanksEnd >= 8, bytes[blanksEnd..<end].contains(where: isDigitOrSymbol) {
                found.append(ByteMatch(start: blanksEnd, end: end, rule: "value:auth-scheme"))
                index = end
            } else {
                index = blanksEnd
            }
        }
        return found
    }

    private static func isCredentialByte(_ byte: UInt8) -> Bool {
        if ByteClass.isAlphanumeric(byte) { return true }
        switch byte {
        case 0x2D, 0x2E, 0x5F, 0x7E, 0x2B, 0x2F, 0x3A, 0x2A, 0x5B, 0x5D: return true  // - . _ ~ + / : * [ ]
        default: return false
        }
    }

    private static func isDigitOrSymbol(_ byte: UInt8) -> Bool {
        ByteClass.isDigit(byte) || (byte != 0x5B && byte != 0x5D && !ByteClass.isLetter(byte))
    }
}

/// `scheme://user:password@host`: the user and the password, each its own secret (`url:userinfo`).
///
/// From each `://`, the authority is read up to the first `/`, `?`, `#`, `@`, quote, angle
/// bracket or blank; the next `://` starts after a `/`, so each byte is read once.
enum UserInfoScanner {
    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 1
        while index + 2 < bytes.count {
            guard bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F, hasScheme(bytes, before: index) else {
                index += 1
                continue
            }
            let infoStart = index + 3
            let infoEnd = ByteClass.runEnd(bytes, from: infoStart) { !isAuthorityStop($0) }
            index = infoEnd
            guard infoEnd < bytes.count, bytes[infoEnd] == 0x40, infoEnd > infoStart else { continue }
            if let colon = bytes[infoStart..<infoEnd].firstIndex(of: 0x3A) {
                if colon > infoStart { found.append(ByteMatch(start: infoStart, end: colon, rule: "url:userinfo")) }
                if infoEnd > colon + 1 { found.append(ByteMatch(start: colon + 1, end: infoEnd, rule: "url:userinfo")) }
            } else {
                found.append(ByteMatch(start: infoStart, end: infoEnd, rule: "url:userinfo"))
            }
        }
        return found
    }

    /// A scheme (`[A-Za-z][A-Za-z0-9+.-]*`) ends right before `colon`.
    private static func hasScheme(_ bytes: UnsafeBufferPointer<UInt8>, before colon: Int) -> Bool {
        var start = colon
        while start > 0, colon - start < 32 {
            let byte = bytes[start - 1]
            guard ByteClass.isAlphanumeric(byte) || byte == 0x2B || byte == 0x2E || byte == 0x2D else { break }
            start -= 1
        }
        return bytes[start..<colon].contains(where: ByteClass.isLetter)
    }

    private static func isAuthorityStop(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2F, 0x3F, 0x23, 0x40, 0x22, 0x27, 0x3C, 0x3E: return true  // / ? # @ " ' < >
        default: return ByteClass.isWhitespace(byte)
        }
    }
}
