import CassetteFormat

/// The audit's rules: a stable id (used in reports, SARIF and baselines) and what each finds.
public enum AuditRule: String, Sendable, CaseIterable, Codable {
    case credentialHeader = "credential-header"
    case jwt
    case otpauthSecret = "otpauth-secret"
    case totpSeed = "totp-seed"
    case backupCodes = "backup-codes"
    case passwordKey = "password-key"
    case tokenKey = "token-key"
    case atomsKey = "atoms-key"
    case unleashToken = "unleash-token"
    case wachtSession = "wacht-session"
    case zitadelBearer = "zitadel-bearer"
    case githubToken = "github-token"
    case awsAccessKey = "aws-access-key"
    case slackToken = "slack-token"
    case stripeLiveKey = "stripe-live-key"
    case stripeTestKey = "stripe-test-key"
    case privateKeyPEM = "private-key-pem"
    case highEntropyUnderSecretKey = "high-entropy-under-secret-key"
    case googleAPIKey = "google-api-key"
    case slackWebhook = "slack-webhook"
    case discordWebhook = "discord-webhook"
    case telegramBotToken = "telegram-bot-token"
    case openAIKey = "openai-key"
    case anthropicKey = "anthropic-key"
    case gitlabToken = "gitlab-token"
    case sendgridKey = "sendgrid-key"
    case npmToken = "npm-token"
    case pypiToken = "pypi-token"
    case vercelBypass = "vercel-protection-bypass"
    case oauthCode = "oauth-code"
    case secretMemberName = "secret-member-name"
    case undecodableBody = "undecodable-encoded-body"
    case budgetExceeded = "audit-budget-exceeded"

    /// The rule id.
    public var id: String { rawValue }

    /// One line saying what the rule finds.
    public var summary: String {
        switch self {
        case .credentialHeader:
            return
                "Authorization, Proxy-Authorization, Cookie, Set-Cookie, API-key and session headers whose credential is not a placeholder"
        case .jwt: return "JSON Web Tokens (header and payload decode to JSON; any algorithm, HS256 included)"
        case .otpauthSecret: return "otpauth:// URIs carrying a secret (a TOTP/HOTP seed)"
        case .totpSeed: return "base32 TOTP seeds under TOTP/OTP/MFA keys (totp_secret, otp_secret, ...)"
        case .backupCodes: return "backup and recovery codes under backup/recovery-code keys"
        case .passwordKey: return "values under password keys (password, passwd, new_password, ...) and URL user-info passwords"
        case .tokenKey: return "values under token keys (access_token, refresh_token, id_token, secret, client_secret, api_key, token, ...)"
        case .atomsKey: return "Smallest.ai Atoms API keys (sk_...) and web-call tokens (wct_<uuid>)"
        case .unleashToken:
            return "Unleash personal, service-account and API tokens (user:<56 hex>, user:v2_..., <project>:<env>.<56 hex>, *:*.<56 hex>)"
        case .wachtSession:
            return "Wacht session tokens (__session, __dev_session__, __auth cookies and query, X-Development-Session, x-wacht-auth)"
        case .zitadelBearer: return "ZITADEL bearer tokens (opaque or JWT) in the Authorization header of ZITADEL requests"
        case .githubToken: return "GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)"
        case .awsAccessKey: return "AWS access key ids (AKIA, ASIA, ...)"
        case .slackToken: return "Slack tokens (xoxb-, xoxp-, ...) and incoming-webhook URLs"
        case .stripeLiveKey: return "Stripe live secret and restricted keys (sk_live_, rk_live_)"
        case .stripeTestKey: return "Stripe test secret and restricted keys (sk_test_, rk_test_)"
        case .privateKeyPEM: return "PEM private keys (-----BEGIN ... PRIVATE KEY-----)"
        case .highEntropyUnderSecretKey: return "token-shaped, high-entropy values (length-aware threshold) under secret-sounding keys"
        case .googleAPIKey: return "Google API keys (AIza...)"
        case .slackWebhook: return "Slack incoming-webhook and workflow URLs (hooks.slack.com/services/..., /workflows/, /triggers/)"
        case .discordWebhook: return "Discord webhook URLs (discord.com/api/webhooks/<id>/<token>)"
        case .telegramBotToken: return "Telegram bot tokens (<digits>:<35 characters>, also as a /bot<token>/ URL path segment)"
        case .openAIKey: return "OpenAI API keys (sk-proj-, sk-svcacct-, sk-admin-, legacy sk-...T3BlbkFJ...)"
        case .anthropicKey: return "Anthropic API keys (sk-ant-...)"
        case .gitlabToken: return "GitLab tokens (glpat-, gldt-, glrt-, glptt-, ...)"
        case .sendgridKey: return "SendGrid API keys (SG.<22>.<43>)"
        case .npmToken: return "npm access tokens (npm_...)"
        case .pypiToken: return "PyPI upload tokens (pypi-AgEIcHlwaS5vcmc...)"
        case .vercelBypass: return "Vercel protection-bypass secrets (x-vercel-protection-bypass header, query or cookie)"
        case .oauthCode: return "OAuth authorization codes in callback URLs, Location headers and token requests"
        case .secretMemberName: return "a known token format used as a JSON member name"
        case .undecodableBody:
            return "a body under a Content-Encoding (or compressed) that the audit cannot decode: nothing inside it was checked"
        case .budgetExceeded:
            return "a file whose compressed bodies or nesting exceed the audit's per-file budget: the rest was not checked"
        }
    }
}
