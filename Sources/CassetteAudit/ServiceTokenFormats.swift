import CassetteFormat

/// Published token formats of widely used services, checked by hand on one token's bytes (no
/// regular expressions): the shapes follow gitleaks' `config/gitleaks.toml` and GitHub secret
/// scanning's list of supported patterns, written independently of the redactor's rules.
enum ServiceTokenFormats {
    /// The format of a whole token (before it is split at `:`), e.g. a Telegram bot token.
    static func classifyWhole(_ token: Substring) -> FormatHit? {
        telegramBotToken(token)
    }

    /// The format of one token part, if it is a known service's secret.
    static func classify(_ part: Substring) -> FormatHit? {
        let bytes = part.utf8
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "A"):
            // AIza + 35 characters of [A-Za-z0-9_-].
            if bytes.starts(with: "AIza".utf8), bytes.count == 39, bytes.dropFirst(4).allSatisfy(TokenFormats.isBase64URL) {
                return FormatHit(rule: .googleAPIKey, secret: String(part))
            }
        case UInt8(ascii: "s"):
            return openAIOrAnthropic(part)
        case UInt8(ascii: "g"):
            // glpat- and the other GitLab prefixes + at least 20 of [A-Za-z0-9_-].
            for prefix in ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "glsoat-", "glffct-", "gloas-"]
            where bytes.starts(with: prefix.utf8) {
                let rest = bytes.dropFirst(prefix.utf8.count)
                if rest.count >= 20, rest.allSatisfy(isTokenByte) { return FormatHit(rule: .gitlabToken, secret: String(part)) }
            }
        case UInt8(ascii: "S"):
            if bytes.starts(with: "SG.".utf8), isSendGrid(part) { return FormatHit(rule: .sendgridKey, secret: String(part)) }
        case UInt8(ascii: "n"):
            // npm_ + 36 letters and digits.
            if bytes.starts(with: "npm_".utf8), bytes.count == 40, bytes.dropFirst(4).allSatisfy(TokenFormats.isAlphanumeric) {
                return FormatHit(rule: .npmToken, secret: String(part))
            }
        case UInt8(ascii: "p"):
            // pypi- + a macaroon whose base64 starts with the PyPI location (`AgEIcHlwaS5vcmc`).
            if bytes.starts(with: "pypi-AgEIcHlwaS5vcmc".utf8), bytes.count >= 70, bytes.dropFirst(5).allSatisfy(isTokenByte) {
                return FormatHit(rule: .pypiToken, secret: String(part))
            }
        default:
            break
        }
        return nil
    }

    /// `[A-Za-z0-9_-]`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        TokenFormats.isBase64URL(byte)
    }

    /// `sk-ant-...` (Anthropic), `sk-proj-`, `sk-svcacct-`, `sk-admin-` and legacy `sk-` keys (OpenAI).
    private static func openAIOrAnthropic(_ part: Substring) -> FormatHit? {
        let bytes = part.utf8
        guard bytes.starts(with: "sk-".utf8) else { return nil }
        if bytes.starts(with: "sk-ant-".utf8) {
            let rest = bytes.dropFirst(7)
            return rest.count >= 32 && rest.allSatisfy(isTokenByte) ? FormatHit(rule: .anthropicKey, secret: String(part)) : nil
        }
        for prefix in ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"] where bytes.starts(with: prefix.utf8) {
            let rest = bytes.dropFirst(prefix.utf8.count)
            return rest.count >= 20 && rest.allSatisfy(isTokenByte) ? FormatHit(rule: .openAIKey, secret: String(part)) : nil
        }
        // Legacy user keys: sk- + 48 letters and digits (with the `T3BlbkFJ` marker, or without).
        let rest = bytes.dropFirst(3)
        guard rest.count >= 32, rest.allSatisfy(TokenFormats.isAlphanumeric) else { return nil }
        let hasDigit = rest.contains { $0 >= 48 && $0 <= 57 }
        let hasUpper = rest.contains { $0 >= 65 && $0 <= 90 }
        let hasLower = rest.contains { $0 >= 97 && $0 <= 122 }
        return hasDigit && hasUpper && hasLower ? FormatHit(rule: .openAIKey, secret: String(part)) : nil
    }

    /// `SG.` + 22 + `.` + 43 characters of `[A-Za-z0-9_-]`.
    private static func isSendGrid(_ part: Substring) -> Bool {
        let bytes = Array(part.utf8)
        guard bytes.count == 69, bytes[25] == UInt8(ascii: ".") else { return false }
        return bytes[3..<25].allSatisfy(isTokenByte) && bytes[26...].allSatisfy(isTokenByte)
    }

    /// `<5 to 16 digits>:<35 of [A-Za-z0-9_-]>`, optionally after `bot` (the Bot API path form).
    static func telegramBotToken(_ token: Substring) -> FormatHit? {
        var bytes = token.utf8[...]
        if bytes.starts(with: "bot".utf8) { bytes = bytes.dropFirst(3) }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let digits = bytes[..<colon]
        let secret = bytes[bytes.index(after: colon)...]
        guard (5...16).contains(digits.count), digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        // The secret part may be followed by a path separator the tokenizer kept (`.`).
        let trimmed = secret.last == UInt8(ascii: ".") ? secret.dropLast() : secret
        guard trimmed.count == 35, trimmed.allSatisfy(isTokenByte) else { return nil }
        return FormatHit(rule: .telegramBotToken, secret: String(Substring(digits)) + ":" + String(Substring(trimmed)))
    }
}

/// Webhook URLs whose path is the secret: Slack and Discord. Found on the raw text by host, then
/// the path taken apart by bytes.
enum WebhookURLs {
    /// Every webhook URL in a text.
    static func hits(in text: String) -> [FormatHit] {
        let slackHost = ASCIIText.contains("hooks.slack.com/", in: text)
        let discordHost = ASCIIText.contains("/api/webhooks/", in: text)
        guard slackHost || discordHost else { return [] }
        let bytes = Array(text.utf8)
        var hits: [FormatHit] = []
        for (host, isSlack) in [("hooks.slack.com/", true), ("discord.com/api/webhooks/", false), ("discordapp.com/api/webhooks/", false)]
        where isSlack ? slackHost : discordHost {
            for start in AuditByteSearch.offsets(of: Array(host.utf8), in: bytes) {
                let pathStart = start + host.utf8.count
                var end = pathStart
                while end < bytes.count, isPathByte(bytes[end]) { end += 1 }
                let path = Substring(String(decoding: bytes[pathStart..<end], as: UTF8.self))
                if let hit = isSlack ? slack(path) : discord(path) { hits.append(hit) }
            }
        }
        return hits
    }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        TokenFormats.isBase64URL(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "%")
    }

    /// `services/T…/B…/<secret>`, `workflows/…`, `triggers/…` with at least 20 secret characters,
    /// unless the path after the kind is a placeholder (`TREDACTED/BREDACTED/REDACTED…0003`).
    private static func slack(_ path: Substring) -> FormatHit? {
        let segments = path.split(separator: "/")
        guard let kind = segments.first, ["services", "workflows", "triggers"].contains(String(kind)), segments.count >= 3,
            let last = segments.last, last.utf8.count >= 16, !LookAlike.isPlaceholder(path.dropFirst(kind.count + 1))
        else { return nil }
        return FormatHit(rule: .slackWebhook, secret: String(path))
    }

    /// `<numeric id>/<token of 60 or more characters>`.
    private static func discord(_ path: Substring) -> FormatHit? {
        let segments = path.split(separator: "/")
        guard segments.count >= 2, segments[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), segments[1].utf8.count >= 60,
            segments[1].utf8.allSatisfy(ServiceTokenFormats.isTokenByte)
        else { return nil }
        return FormatHit(rule: .discordWebhook, secret: String(segments[1]))
    }
}
