import CassetteFormat

/// API tokens recognised by a published prefix and the alphabet and length of what follows
/// (the formats gitleaks and GitHub secret scanning list for widely used services; the rules
/// here are written from those formats, not copied). Each is a named rule `value:<service>`.
struct PrefixTokenFormat: Sendable {
    /// What may follow the prefix.
    enum Alphabet: Sendable {
        /// `[A-Za-z0-9_-]`
        case token
        /// `[A-Za-z0-9]`
        case alphanumeric
        /// `[A-Za-z0-9_]`
        case word
        /// `[0-9a-fA-F]`
        case hex
        /// `[A-Z0-9]`
        case upperAlphanumeric
        /// `[A-Za-z0-9_.-]` (segments joined by dots, checked by `shape`)
        case dotted

        func contains(_ byte: UInt8) -> Bool {
            switch self {
            case .token: ByteClass.isToken(byte)
            case .alphanumeric: ByteClass.isAlphanumeric(byte)
            case .word: ByteClass.isAlphanumeric(byte) || byte == 0x5F
            case .hex: ByteClass.isHex(byte)
            case .upperAlphanumeric: ByteClass.isUpperAlphanumeric(byte)
            case .dotted: ByteClass.isToken(byte) || byte == 0x2E
            }
        }
    }

    var prefix: [UInt8]
    var rule: String
    var alphabet: Alphabet
    /// Shortest body after the prefix.
    var minimum: Int
    /// Longest body after the prefix (a longer run is some other text).
    var maximum: Int = .max
    /// Extra check of the body (for formats with inner structure).
    var shape: (@Sendable (ArraySlice<UInt8>) -> Bool)?

    init(
        _ prefix: String, _ rule: String, _ alphabet: Alphabet, minimum: Int, maximum: Int = .max,
        shape: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil
    ) {
        self.prefix = Array(prefix.utf8)
        self.rule = "value:" + rule
        self.alphabet = alphabet
        self.minimum = minimum
        self.maximum = maximum
        self.shape = shape
    }
}

extension PrefixTokenFormat {
    /// The formats, longest prefix first where prefixes share a start (`sk-ant-` before `sk-`).
    static let all: [PrefixTokenFormat] = [
        // Google API keys: `AIza` + 35.
        .init("AIza", "google-api-key", .token, minimum: 35),
        // Slack bot, user, app-level, refresh and configuration tokens.
        .init("xoxe.xoxb-", "slack-token", .token, minimum: 10),
        .init("xoxe.xoxp-", "slack-token", .token, minimum: 10),
        .init("xoxa-", "slack-token", .token, minimum: 10),
        .init("xoxb-", "slack-token", .token, minimum: 10),
        .init("xoxp-", "slack-token", .token, minimum: 10),
        .init("xoxr-", "slack-token", .token, minimum: 10),
        .init("xoxs-", "slack-token", .token, minimum: 10),
        .init("xoxe-", "slack-token", .token, minimum: 10),
        .init("xoxo-", "slack-token", .token, minimum: 10),
        .init("xapp-", "slack-token", .token, minimum: 10),
        // Anthropic before OpenAI (both start `sk-`).
        .init("sk-ant-", "anthropic", .token, minimum: 32),
        .init("sk-proj-", "openai", .token, minimum: 20),
        .init("sk-svcacct-", "openai", .token, minimum: 20),
        .init("sk-admin-", "openai", .token, minimum: 20),
        .init("sk-", "openai", .token, minimum: 32),
        // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
        .init("github_pat_", "github", .word, minimum: 40),
        .init("ghp_", "github", .alphanumeric, minimum: 36),
        .init("gho_", "github", .alphanumeric, minimum: 36),
        .init("ghu_", "github", .alphanumeric, minimum: 36),
        .init("ghs_", "github", .alphanumeric, minimum: 36),
        .init("ghr_", "github", .alphanumeric, minimum: 36),
        // GitLab personal, deploy, pipeline-trigger, runner and CI-build tokens.
        .init("glpat-", "gitlab", .token, minimum: 20),
        .init("gldt-", "gitlab", .token, minimum: 20),
        .init("glptt-", "gitlab", .token, minimum: 20),
        .init("glrt-", "gitlab", .token, minimum: 20),
        .init("glcbt-", "gitlab", .token, minimum: 20),
        .init("GR1348941", "gitlab", .token, minimum: 20),
        // AWS access key ids (the secret key has no format: it is found by name).
        .init("AKIA", "aws-access-key-id", .upperAlphanumeric, minimum: 16, maximum: 16),
        .init("ASIA", "aws-access-key-id", .upperAlphanumeric, minimum: 16, maximum: 16),
        .init("ABIA", "aws-access-key-id", .upperAlphanumeric, minimum: 16, maximum: 16),
        .init("ACCA", "aws-access-key-id", .upperAlphanumeric, minimum: 16, maximum: 16),
        // Stripe secret, restricted and live publishable keys, and webhook secrets.
        .init("sk_live_", "stripe", .alphanumeric, minimum: 16),
        .init("sk_test_", "stripe", .alphanumeric, minimum: 16),
        .init("rk_live_", "stripe", .alphanumeric, minimum: 16),
        .init("rk_test_", "stripe", .alphanumeric, minimum: 16),
        .init("pk_live_", "stripe", .alphanumeric, minimum: 16),
        .init("whsec_", "stripe", .alphanumeric, minimum: 24),
        // Twilio API key SIDs (`SK` + 32 hex); auth tokens are found by name.
        .init("SK", "twilio", .hex, minimum: 32, maximum: 32),
        // SendGrid `SG.<22>.<43>`.
        .init("SG.", "sendgrid", .dotted, minimum: 40, shape: PrefixTokenFormat.isTwoSegments),
        // npm and PyPI upload tokens.
        .init("npm_", "npm", .alphanumeric, minimum: 36),
        .init("pypi-", "pypi", .token, minimum: 50),
        // A few more widely used services.
        .init("hf_", "huggingface", .alphanumeric, minimum: 30),
        .init("dop_v1_", "digitalocean", .hex, minimum: 64),
        .init("doo_v1_", "digitalocean", .hex, minimum: 64),
        .init("shpat_", "shopify", .hex, minimum: 32),
        .init("shpss_", "shopify", .hex, minimum: 32),
        .init("lin_api_", "linear", .alphanumeric, minimum: 40),
        .init("PMAK-", "postman", .token, minimum: 50),
        .init("glsa_", "grafana", .word, minimum: 32),
        // Smallest.ai Atoms keys and web-call tokens (any other `sk_…`).
        .init("sk_", "atoms-key", .token, minimum: 8),
        .init("wct_", "atoms-key", .token, minimum: 8),
    ]

    /// `<at least 16>.<at least 30>` (SendGrid's `<22>.<43>`).
    @Sendable static func isTwoSegments(_ body: ArraySlice<UInt8>) -> Bool {
        guard let dot = body.firstIndex(of: 0x2E) else { return false }
        let first = body[body.startIndex..<dot]
        let second = body[(dot + 1)...]
        return first.count >= 16 && second.count >= 30 && !second.contains(0x2E)
    }
}
