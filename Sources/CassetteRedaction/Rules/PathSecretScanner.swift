import CassetteFormat

/// One-time tokens carried as a URL path segment after a segment that names them:
/// `/reset-password/<token>`, `/verify-email/<token>`, `/invite/<token>`, `/magic-link/<token>`
/// (`path:reset-token`). The token segment must look random (at least 16 characters with a
/// digit, or at least 32), so readable paths such as `/invite/accept-terms` stay.
///
/// Every segment is read at most twice (as a name, then as a candidate token): linear.
enum PathSecretScanner {
    /// Segment names, lowercased, that precede a one-time token.
    static let namingSegments: Set<String> = [
        "reset-password", "password-reset", "reset_password", "resetpassword", "reset", "forgot-password",
        "set-password", "new-password", "verify-email", "verify_email", "email-verification", "verify",
        "verification", "confirm", "confirm-email", "confirmation", "activate", "activation", "invite",
        "invites", "invitation", "invitations", "accept-invite", "join", "magic-link", "magic_link",
        "magiclink", "magic", "login-link", "signin-link", "sign-in", "auth-link", "one-time-login",
        "unsubscribe", "share", "download-token",
    ]

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        guard bytes.count >= 20 else { return [] }
        var found: [ByteMatch] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x2F else {
                index += 1
                continue
            }
            let nameStart = index + 1
            let nameEnd = ByteClass.runEnd(bytes, from: nameStart, isSegmentByte)
            index = nameEnd
            guard nameEnd < bytes.count, bytes[nameEnd] == 0x2F, nameEnd - nameStart >= 4, nameEnd - nameStart <= 24,
                namingSegments.contains(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased())
            else { continue }
            let tokenStart = nameEnd + 1
            let tokenEnd = ByteClass.runEnd(bytes, from: tokenStart, isSegmentByte)
            if looksRandom(bytes[tokenStart..<tokenEnd]) {
                found.append(ByteMatch(start: tokenStart, end: tokenEnd, rule: "path:reset-token"))
                index = tokenEnd
            }
        }
        return found
    }

    /// `[A-Za-z0-9_.~%=-]`: what a token segment is made of.
    private static func isSegmentByte(_ byte: UInt8) -> Bool {
        ByteClass.isToken(byte) || byte == 0x2E || byte == 0x7E || byte == 0x25 || byte == 0x3D
    }

    private static func looksRandom(_ segment: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard segment.count >= 16 else { return false }
        if segment.count >= 32 { return !segment.allSatisfy { ByteClass.isLower($0) || $0 == 0x2D || $0 == 0x5F } }
        return segment.contains(where: ByteClass.isDigit)
    }
}
