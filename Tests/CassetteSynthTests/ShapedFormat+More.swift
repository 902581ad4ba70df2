import CassetteTestSupport
import Foundation

/// The formats shaped after the first pass: Unleash v2 tokens, SendGrid keys, JWEs, webhook
/// URLs, Atoms web-call tokens and the other published formats with fixed parts.
extension ShapedFormat {
    static let slackWebhookPrefix = "https://hooks.slack.com/services/"
    static let discordWebhookPrefix = "https://discord.com/api/webhooks/"

    static let more: [ShapedFormat] = [
        ShapedFormat(
            name: "Unleash v2 account token", secret: RandomSecret.unleashV2PAT, secretPart: { String($0.dropFirst(8)) },
            body: noteBody, pointer: note, schema: .pattern("^user:v2_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$")),
        ShapedFormat(
            name: "Unleash v2 API token", secret: RandomSecret.unleashV2APIToken, secretPart: { String($0.suffix(66)) },
            body: { #"{"user":{"secret":"\#($0)"}}"# }, pointer: ["user", "secret"], schema: .provider("unleash", "/$defs/apiToken")),
        ShapedFormat(
            name: "SendGrid key", secret: RandomSecret.sendGridKey, secretPart: { String($0.dropFirst(3)) },
            body: noteBody, pointer: note, schema: .pattern(#"^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$"#)),
        ShapedFormat(
            name: "JWE", secret: RandomSecret.jwe, secretPart: { $0.split(separator: ".").dropFirst().joined(separator: ".") },
            body: noteBody, pointer: note,
            schema: .pattern(#"^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$"#)),
        ShapedFormat(
            name: "Slack webhook URL", secret: { RandomSecret.slackWebhookURL().secret },
            body: { noteBody(slackWebhookPrefix + $0) }, pointer: note,
            schema: .pattern(#"^https://hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24}$"#),
            extract: { String($0.dropFirst(slackWebhookPrefix.count)) }, wireValue: { slackWebhookPrefix + $0 }),
        ShapedFormat(
            name: "Discord webhook URL", secret: { String(RandomSecret.discordWebhookURL().url.dropFirst(discordWebhookPrefix.count)) },
            body: { noteBody(discordWebhookPrefix + $0) }, pointer: note,
            schema: .pattern(#"^https://discord\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{68}$"#),
            extract: { String($0.dropFirst(discordWebhookPrefix.count)) }, wireValue: { discordWebhookPrefix + $0 }),
        ShapedFormat(
            name: "Atoms web-call token", secret: RandomSecret.atomsWebCallToken, secretPart: { String($0.dropFirst(4)) },
            body: noteBody, pointer: note, schema: .pattern("^wct_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")),
        ShapedFormat(
            name: "GitHub fine-grained token", secret: RandomSecret.gitHubFineGrainedToken, secretPart: { String($0.dropFirst(11)) },
            body: noteBody, pointer: note, schema: .pattern("^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$")),
        ShapedFormat(
            name: "PyPI token", secret: RandomSecret.pyPIToken, secretPart: { String($0.dropFirst(20)) },
            body: noteBody, pointer: note, schema: .pattern("^pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}$")),
        ShapedFormat(
            name: "Telegram bot token", secret: RandomSecret.telegramBotToken,
            secretPart: { String($0.split(separator: ":").last ?? "") },
            body: noteBody, pointer: note, schema: .pattern("^[0-9]{8,10}:[A-Za-z0-9_-]{35}$")),
        ShapedFormat(
            name: "OpenAI legacy key", secret: RandomSecret.openAILegacyKey, secretPart: { String($0.dropFirst(3)) },
            body: noteBody, pointer: note, schema: .pattern("^sk-[A-Za-z0-9]{48}$")),
        ShapedFormat(
            name: "Google API key", secret: RandomSecret.googleAPIKey, secretPart: { String($0.dropFirst(4)) },
            body: noteBody, pointer: note, schema: .pattern("^AIza[A-Za-z0-9_-]{35}$")),
        ShapedFormat(
            name: "npm token", secret: RandomSecret.npmToken, secretPart: { String($0.dropFirst(4)) },
            body: noteBody, pointer: note, schema: .pattern("^npm_[A-Za-z0-9]{36}$")),
        ShapedFormat(
            name: "GitLab token", secret: RandomSecret.gitLabToken, secretPart: { String($0.dropFirst(6)) },
            body: noteBody, pointer: note, schema: .pattern("^glpat-[A-Za-z0-9_-]{20}$")),
    ]
}
