import Foundation

/// A secret value made for planting: the text to put in a document and the random parts that must
/// not survive redaction in any form (the value without a fixed prefix, a TOTP seed without its URL).
public struct GeneratedSecret: Sendable {
    /// What is planted.
    public var value: String
    /// The random cores, each at least 9 characters; finding any of them in any form is a leak.
    public var needles: [String]
}

/// Every secret format the planted-secret tests know, generated fresh from a seed.
///
/// Sources for the shapes: the services' published formats (gitleaks' and GitHub secret
/// scanning's public lists, `providers.md` for the four `/me` services).
public enum SecretFormat: String, CaseIterable, Sendable {
    case jwt, jwe
    case atomsKey = "atoms-key"
    case unleashPAT = "unleash-pat"
    case unleashAdmin = "unleash-admin"
    case unleashClient = "unleash-client"
    case unleashV2 = "unleash-v2"
    case zitadelOpaque = "zitadel-opaque"
    case googleAPIKey = "google-api-key"
    case slackBotToken = "slack-bot-token"
    case slackUserToken = "slack-user-token"
    case slackWebhook = "slack-webhook"
    case discordWebhook = "discord-webhook"
    case telegramBotToken = "telegram-bot-token"
    case openAIProjectKey = "openai-project-key"
    case githubClassicPAT = "github-classic-pat"
    case githubFineGrainedPAT = "github-fine-grained-pat"
    case awsAccessKeyID = "aws-access-key-id"
    case awsSecretKey = "aws-secret-key"
    case stripeLiveKey = "stripe-live-key"
    case otpauthURL = "otpauth-url"
    case totpSeed = "totp-seed"
    case totpSeedGrouped = "totp-seed-grouped"
    case backupCode = "backup-code"
    case opaqueToken = "opaque-token"
    case password
    case vercelBypass = "vercel-bypass"
    case resetToken = "reset-token"
    case sessionID = "session-id"
    case oauthCode = "oauth-code"
    case pkceVerifier = "pkce-verifier"

    /// Whether the value is recognisable by its shape alone (a prefix or structure), so it must be
    /// caught under any name; the others are only recognisable by the name or header they sit under.
    public var hasRecognisableShape: Bool {
        switch self {
        case .jwt, .jwe, .atomsKey, .unleashPAT, .unleashAdmin, .unleashClient, .unleashV2, .googleAPIKey,
            .slackBotToken, .slackUserToken, .slackWebhook, .discordWebhook, .telegramBotToken, .openAIProjectKey,
            .githubClassicPAT, .githubFineGrainedPAT, .awsAccessKeyID, .stripeLiveKey, .otpauthURL:
            return true
        case .zitadelOpaque, .awsSecretKey, .totpSeed, .totpSeedGrouped, .backupCode, .opaqueToken, .password,
            .vercelBypass, .resetToken, .sessionID, .oauthCode, .pkceVerifier:
            return false
        }
    }

    /// Whether the value may be written into a URL path or query without escaping.
    public var isURLSafe: Bool {
        switch self {
        case .password, .totpSeedGrouped, .otpauthURL, .slackWebhook, .discordWebhook, .unleashAdmin: return false
        default: return true
        }
    }

    /// A fresh value of this format.
    public func generate(using random: inout PlantRandom) -> GeneratedSecret {
        switch self {
        case .jwt:
            let header = Self.base64url(#"{"alg":"ES256","typ":"JWT"}"#)
            let claims = #"{"iss":"https://auth.example.com","sess":"\#(random.digits(10))","rotating_token":"\#(random.hex(24))"}"#
            let payload = Self.base64url(claims)
            let signature = random.base64url(86)
            return GeneratedSecret(value: "\(header).\(payload).\(signature)", needles: [signature, String(payload.suffix(36))])
        case .jwe:
            let header = Self.base64url(#"{"alg":"dir","enc":"A256GCM","kid":"\#(random.hex(8))"}"#)
            let iv = random.base64url(16)
            let ciphertext = random.base64url(120)
            let tag = random.base64url(22)
            return GeneratedSecret(value: "\(header)..\(iv).\(ciphertext).\(tag)", needles: [ciphertext])
        case .atomsKey:
            return Self.prefixed("sk_", random.alphanumeric(40))
        case .unleashPAT:
            return Self.prefixed("user:", random.hex(56))
        case .unleashAdmin:
            return Self.prefixed("*:*.", random.hex(56))
        case .unleashClient:
            return Self.prefixed("default:development.", random.hex(56))
        case .unleashV2:
            let first = random.base64url(22)
            let second = random.base64url(43)
            return GeneratedSecret(value: "user:v2_\(first)_\(second)", needles: [second])
        case .zitadelOpaque:
            return Self.bare(random.base64url(86))
        case .googleAPIKey:
            return Self.prefixed("AIza", random.base64url(35))
        case .slackBotToken:
            let secret = random.alphanumeric(24)
            return GeneratedSecret(value: "xoxb-\(random.digits(12))-\(random.digits(13))-\(secret)", needles: [secret])
        case .slackUserToken:
            let secret = random.hex(32)
            return GeneratedSecret(
                value: "xoxp-\(random.digits(12))-\(random.digits(12))-\(random.digits(13))-\(secret)", needles: [secret])
        case .slackWebhook:
            let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            let secret = random.alphanumeric(24)
            let url =
                "https://hooks.slack.com/services/T\(random.string(from: upper, count: 10))/B\(random.string(from: upper, count: 10))/\(secret)"
            return GeneratedSecret(value: url, needles: [secret])
        case .discordWebhook:
            let secret = random.base64url(68)
            return GeneratedSecret(value: "https://discord.com/api/webhooks/\(random.digits(19))/\(secret)", needles: [secret])
        case .telegramBotToken:
            let secret = "AA" + random.base64url(33)
            return GeneratedSecret(value: "\(random.digits(10)):\(secret)", needles: [secret])
        case .openAIProjectKey:
            let first = random.base64url(74)
            let second = random.base64url(74)
            return GeneratedSecret(value: "sk-proj-\(first)T3BlbkFJ\(second)", needles: [first, second])
        case .githubClassicPAT:
            return Self.prefixed("ghp_", random.alphanumeric(36))
        case .githubFineGrainedPAT:
            let secret = random.alphanumeric(59)
            return GeneratedSecret(value: "github_pat_\(random.alphanumeric(22))_\(secret)", needles: [secret])
        case .awsAccessKeyID:
            return Self.prefixed("AKIA", random.string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count: 16))
        case .awsSecretKey:
            return Self.bare(random.string(from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", count: 40))
        case .stripeLiveKey:
            return Self.prefixed("sk_live_", random.alphanumeric(48))
        case .otpauthURL:
            let seed = random.base32(32)
            let url = "otpauth://totp/Example:user%40example.com?algorithm=SHA1&digits=6&issuer=Example&period=30&secret=\(seed)"
            return GeneratedSecret(value: url, needles: [seed])
        case .totpSeed:
            return Self.bare(random.base32(32))
        case .totpSeedGrouped:
            let seed = random.base32(32).lowercased()
            var groups: [Substring] = []
            var rest = Substring(seed)
            while !rest.isEmpty {
                groups.append(rest.prefix(4))
                rest = rest.dropFirst(4)
            }
            let grouped = groups.joined(separator: " ")
            return GeneratedSecret(value: grouped, needles: [grouped, seed, String(grouped.prefix(19))])
        case .backupCode:
            return Self.bare(random.alphanumeric(4) + "-" + random.alphanumeric(4))
        case .opaqueToken:
            return Self.bare(random.base64url(40))
        case .password:
            let symbols = "!#$%*+-.@^_~"
            var characters = Array(random.alphanumeric(18) + random.string(from: symbols, count: 4))
            characters.shuffle(using: &random)
            return Self.bare(String(characters))
        case .vercelBypass:
            return Self.bare(random.alphanumeric(32))
        case .resetToken:
            return Self.bare(random.hex(48))
        case .sessionID:
            return Self.bare(random.string(from: "0123456789ABCDEF", count: 32))
        case .oauthCode:
            return Self.bare(random.base64url(43))
        case .pkceVerifier:
            return Self.bare(random.base64url(64))
        }
    }

    private static func prefixed(_ prefix: String, _ secret: String) -> GeneratedSecret {
        GeneratedSecret(value: prefix + secret, needles: [secret])
    }

    private static func bare(_ secret: String) -> GeneratedSecret {
        GeneratedSecret(value: secret, needles: [secret])
    }

    static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
