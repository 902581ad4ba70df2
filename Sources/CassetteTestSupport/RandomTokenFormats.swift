import Foundation

/// Fresh random tokens in the published formats of widely used services, one generator per
/// format, for redaction and audit tests. Each call returns a new value of the right shape.
extension RandomSecret {
    private static let upperAlphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    private static func randomDigits(_ count: Int) -> String {
        String(
            (0..<count).map { index in
                let digit = Int.random(in: (index == 0 ? 1 : 0)...9)
                return Character(String(digit))
            })
    }

    private static func upperAlphanumeric(_ count: Int) -> String {
        let characters = Array(upperAlphanumerics)
        return String((0..<count).map { _ in characters[Int.random(in: 0..<characters.count)] })
    }

    /// A Google API key: `AIza` + 35 base64url characters.
    public static func googleAPIKey() -> String { "AIza" + base64url(35) }
    /// A Slack bot token: `xoxb-<digits>-<digits>-<24 alphanumerics>`.
    public static func slackBotToken() -> String { "xoxb-\(randomDigits(12))-\(randomDigits(13))-\(alphanumeric(24))" }
    /// A Slack user token: `xoxp-` and four groups.
    public static func slackUserToken() -> String {
        "xoxp-\(randomDigits(12))-\(randomDigits(12))-\(randomDigits(13))-\(hex(32))"
    }
    /// A Slack incoming-webhook URL; returns the URL and its secret path.
    public static func slackWebhookURL() -> (url: String, secret: String) {
        let path = "T\(upperAlphanumeric(10))/B\(upperAlphanumeric(10))/\(alphanumeric(24))"
        return ("https://hooks.slack.com/services/\(path)", path)
    }
    /// A Discord webhook URL; returns the URL and its token.
    public static func discordWebhookURL(host: String = "discord.com") -> (url: String, token: String) {
        let token = base64url(68)
        return ("https://\(host)/api/webhooks/\(randomDigits(19))/\(token)", token)
    }
    /// A Telegram bot token: `<9 digits>:AA<33 characters>`.
    public static func telegramBotToken() -> String { "\(randomDigits(9)):AA" + base64url(33) }
    /// An OpenAI project key: `sk-proj-` + 156 base64url characters.
    public static func openAIProjectKey() -> String { "sk-proj-" + base64url(156) }
    /// A legacy OpenAI key: `sk-` + 48 alphanumerics.
    public static func openAILegacyKey() -> String { "sk-" + alphanumeric(48) }
    /// An Anthropic API key: `sk-ant-api03-` + 93 base64url characters + `AA`.
    public static func anthropicKey() -> String { "sk-ant-api03-" + base64url(93) + "AA" }
    /// A GitHub token with the given prefix (`ghp`, `gho`, `ghu`, `ghs`, `ghr`): `<prefix>_` + 36.
    public static func gitHubToken(_ prefix: String = "ghp") -> String { prefix + "_" + alphanumeric(36) }
    /// A fine-grained GitHub token: `github_pat_<22>_<59>`.
    public static func gitHubFineGrainedToken() -> String { "github_pat_" + alphanumeric(22) + "_" + alphanumeric(59) }
    /// A GitLab personal access token: `glpat-` + 20.
    public static func gitLabToken() -> String { "glpat-" + base64url(20) }
    /// An AWS access key id: `AKIA` (or `ASIA`) + 16 uppercase alphanumerics.
    public static func awsAccessKeyID(temporary: Bool = false) -> String { (temporary ? "ASIA" : "AKIA") + upperAlphanumeric(16) }
    /// An AWS secret access key: 40 characters of base64.
    public static func awsSecretAccessKey() -> String { alphanumeric(30) + "/+" + alphanumeric(8) }
    /// A Stripe key of the given kind (`sk_live`, `rk_live`, `pk_live`, `sk_test`): `<kind>_` + 24.
    public static func stripeKey(_ kind: String = "sk_live") -> String { kind + "_" + alphanumeric(24) }
    /// A Twilio API key SID: `SK` + 32 hex.
    public static func twilioAPIKey() -> String { "SK" + hex(32) }
    /// A SendGrid API key: `SG.<22>.<43>`.
    public static func sendGridKey() -> String { "SG." + base64url(22) + "." + base64url(43) }
    /// An npm access token: `npm_` + 36 alphanumerics.
    public static func npmToken() -> String { "npm_" + alphanumeric(36) }
    /// A PyPI upload token: `pypi-AgEIcHlwaS5vcmc` + 70 base64url characters.
    public static func pyPIToken() -> String { "pypi-AgEIcHlwaS5vcmc" + base64url(70) }
    /// A JWE in compact form with direct encryption (empty key segment): `eyJ…..<iv>.<ct>.<tag>`.
    public static func jwe() -> String {
        let header = Data(#"{"alg":"dir","enc":"A256GCM"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return header + ".." + base64url(16) + "." + base64url(64) + "." + base64url(22)
    }
    /// A TOTP seed as apps show it for manual entry: base32 in groups of four, space separated.
    public static func groupedTOTPSeed() -> String {
        let seed = Array(base32(32))
        return stride(from: 0, to: seed.count, by: 4).map { String(seed[$0..<min($0 + 4, seed.count)]) }.joined(separator: " ")
    }
    /// A Smallest.ai Atoms web-call token: `wct_` + a lowercase UUID.
    public static func atomsWebCallToken() -> String { "wct_" + UUID().uuidString.lowercased() }
    /// A one-time token as carried in a reset, verification or invitation link.
    public static func linkToken() -> String { base64url(40) + String(Int.random(in: 0...9)) }
}
