import CassetteFormat

/// Credentials that are URLs or parts of URLs:
/// - Slack webhooks `hooks.slack.com/services/T…/B…/<secret>` (also `workflows/`, `triggers/`):
///   `value:slack-webhook`, the whole path after the kind replaced;
/// - Discord webhooks `discord(app).com/api/(v<n>/)webhooks/<id>/<token>`:
///   `value:discord-webhook`, `<id>/<token>` replaced;
/// - Telegram bot tokens `<8-10 digits>:<35 characters>`, bare or as the `/bot<token>/` path
///   segment of the Bot API: `value:telegram-bot-token`.
///
/// Each anchor (a host name or a colon) reads only the bytes after (or, for Telegram, the digits
/// before) it up to the first byte outside the path alphabet: linear.
enum WebhookScanner {
    private static let slackHost: [UInt8] = Array("hooks.slack.com/".utf8)
    private static let slackKinds: [[UInt8]] = ["services/", "workflows/", "triggers/"].map { Array($0.utf8) }
    private static let discordHosts: [[UInt8]] = ["discord.com/api/", "discordapp.com/api/"].map { Array($0.utf8) }
    private static let webhooks: [UInt8] = Array("webhooks/".utf8)
    private static let bot: [UInt8] = Array("bot".utf8)

    static func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ByteMatch] {
        var found: [ByteMatch] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var next = index + 1
            if byte == 0x68 || byte == 0x48, let match = slack(in: bytes, at: index) {
                found.append(match)
                next = match.end
            } else if byte == 0x64 || byte == 0x44, let match = discord(in: bytes, at: index) {
                found.append(match)
                next = match.end
            } else if byte == 0x3A, let match = telegram(in: bytes, colon: index) {
                found.append(match)
                next = match.end
            }
            index = max(next, index + 1)
        }
        return found
    }

    private static func isPathByte(_ byte: UInt8) -> Bool { ByteClass.isToken(byte) || byte == 0x2F }

    private static func slack(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ByteMatch? {
        guard ByteClass.hasLiteral(bytes, slackHost, at: start, ignoringCase: true) else { return nil }
        let kindStart = start + slackHost.count
        guard let kind = slackKinds.first(where: { ByteClass.hasLiteral(bytes, $0, at: kindStart) }) else { return nil }
        let secretStart = kindStart + kind.count
        let end = ByteClass.runEnd(bytes, from: secretStart, isPathByte)
        guard end - secretStart >= 16 else { return nil }
        return ByteMatch(start: secretStart, end: end, rule: "value:slack-webhook")
    }

    private static func discord(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ByteMatch? {
        guard let host = discordHosts.first(where: { ByteClass.hasLiteral(bytes, $0, at: start, ignoringCase: true) }) else { return nil }
        var cursor = start + host.count
        // An optional API version: `v10/`.
        if cursor < bytes.count, bytes[cursor] == 0x76 {
            let digitsEnd = ByteClass.runEnd(bytes, from: cursor + 1, ByteClass.isDigit)
            if digitsEnd > cursor + 1, digitsEnd < bytes.count, bytes[digitsEnd] == 0x2F { cursor = digitsEnd + 1 }
        }
        guard ByteClass.hasLiteral(bytes, webhooks, at: cursor) else { return nil }
        let idStart = cursor + webhooks.count
        let idEnd = ByteClass.runEnd(bytes, from: idStart, ByteClass.isDigit)
        guard idEnd - idStart >= 5, idEnd < bytes.count, bytes[idEnd] == 0x2F else { return nil }
        let end = ByteClass.runEnd(bytes, from: idEnd + 1, ByteClass.isToken)
        guard end - (idEnd + 1) >= 20 else { return nil }
        return ByteMatch(start: idStart, end: end, rule: "value:discord-webhook")
    }

    /// `<8-10 digits>:<35 token characters>`, the digits at a word start or right after `bot`
    /// at a word start (`/bot123456789:AA…/`).
    private static func telegram(in bytes: UnsafeBufferPointer<UInt8>, colon: Int) -> ByteMatch? {
        let start = ByteClass.runStart(bytes, endingAt: colon, ByteClass.isDigit)
        guard (8...10).contains(colon - start) else { return nil }
        let wordStart = start >= bot.count && ByteClass.hasLiteral(bytes, bot, at: start - bot.count) ? start - bot.count : start
        guard wordStart == 0 || !ByteClass.isAlphanumeric(bytes[wordStart - 1]) else { return nil }
        let end = ByteClass.runEnd(bytes, from: colon + 1, ByteClass.isToken)
        guard end - (colon + 1) == 35 else { return nil }
        return ByteMatch(start: start, end: end, rule: "value:telegram-bot-token")
    }
}
