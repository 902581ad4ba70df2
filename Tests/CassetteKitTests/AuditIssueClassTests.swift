import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// The audit, on its own, finds every secret class in raw (unredacted) HAR files, and
/// never prints the secret in a finding's location or preview.
@Suite("audit: every secret class is found in raw HAR files")
struct AuditIssueClassTests {
    typealias Make = @Sendable () -> IssueCase

    static func neutral(_ label: String, _ secret: String) -> IssueCase {
        IssueCase(label: label, secret: secret, file: IssueHAR.responseBody(#"{"data":{"note":\#(IssueHAR.quoted(secret))}}"#))
    }

    /// Token formats under a neutral member name.
    static let formats: [(String, Make)] = [
        ("Google API key", { neutral("google", "AIza" + RandomSecret.base64url(35)) }),
        (
            "Slack bot token",
            { neutral("slack", "xoxb-" + RandomSecret.hex(12) + "-" + RandomSecret.hex(13) + "-" + RandomSecret.alphanumeric(24)) }
        ),
        (
            "Slack user token",
            { neutral("slack", "xoxp-" + RandomSecret.hex(12) + "-" + RandomSecret.hex(12) + "-" + RandomSecret.alphanumeric(32)) }
        ),
        (
            "Slack webhook in a body",
            {
                neutral(
                    "slack hook",
                    "https://hooks.slack.com/services/T" + RandomSecret.base32(8) + "/B" + RandomSecret.base32(10) + "/"
                        + RandomSecret.alphanumeric(24))
            }
        ),
        (
            "Discord webhook in a body",
            {
                neutral(
                    "discord",
                    "https://discord.com/api/webhooks/" + String(Int.random(in: 100_000_000_000_000_000...999_999_999_999_999_999)) + "/"
                        + RandomSecret.base64url(68))
            }
        ),
        (
            "Telegram bot token",
            { neutral("telegram", String(Int.random(in: 100_000_000...999_999_999)) + ":AA" + RandomSecret.base64url(33)) }
        ),
        ("OpenAI project key", { neutral("openai", "sk-proj-" + RandomSecret.base64url(100)) }),
        ("OpenAI legacy key", { neutral("openai", "sk-" + RandomSecret.alphanumeric(20) + "T3BlbkFJ" + RandomSecret.alphanumeric(20)) }),
        ("Anthropic key", { neutral("anthropic", "sk-ant-api03-" + RandomSecret.base64url(93) + "AA") }),
        ("GitHub ghp_", { neutral("github", "ghp_" + RandomSecret.alphanumeric(36)) }),
        ("GitHub gho_", { neutral("github", "gho_" + RandomSecret.alphanumeric(36)) }),
        ("GitHub ghu_", { neutral("github", "ghu_" + RandomSecret.alphanumeric(36)) }),
        ("GitHub ghs_", { neutral("github", "ghs_" + RandomSecret.alphanumeric(36)) }),
        ("GitHub ghr_", { neutral("github", "ghr_" + RandomSecret.alphanumeric(36)) }),
        ("GitHub fine-grained", { neutral("github", "github_pat_" + RandomSecret.alphanumeric(22) + "_" + RandomSecret.alphanumeric(59)) }),
        ("GitLab PAT", { neutral("gitlab", "glpat-" + RandomSecret.base64url(20)) }),
        ("AWS AKIA", { neutral("aws", "AKIA" + RandomSecret.base32(16)) }),
        ("AWS ASIA", { neutral("aws", "ASIA" + RandomSecret.base32(16)) }),
        ("Stripe sk_live_", { neutral("stripe", "sk_live_" + RandomSecret.alphanumeric(24)) }),
        ("Stripe rk_live_", { neutral("stripe", "rk_live_" + RandomSecret.alphanumeric(24)) }),
        ("SendGrid", { neutral("sendgrid", "SG." + RandomSecret.base64url(22) + "." + RandomSecret.base64url(43)) }),
        ("npm", { neutral("npm", "npm_" + RandomSecret.alphanumeric(36)) }),
        ("PyPI", { neutral("pypi", "pypi-AgEIcHlwaS5vcmc" + RandomSecret.base64url(60)) }),
        ("JWT", { neutral("jwt", RandomSecret.jwt()) }),
        ("JWE with an empty second segment", { neutral("jwe", IssueHAR.jwe()) }),
        ("Atoms key", { neutral("atoms", RandomSecret.atomsKey()) }),
        ("Unleash client token", { neutral("unleash", RandomSecret.unleashClientToken()) }),
        (
            "Slack webhook as the request URL",
            {
                let url =
                    "https://hooks.slack.com/services/T" + RandomSecret.base32(8) + "/B" + RandomSecret.base32(10) + "/"
                    + RandomSecret.alphanumeric(24)
                return IssueCase(
                    label: "slack url", secret: url.components(separatedBy: "/").last ?? url,
                    file: IssueHAR.file(IssueHAR.log(url: url) { _ in }))
            }
        ),
        (
            "Discord webhook as the request URL",
            {
                let token = RandomSecret.base64url(68)
                return IssueCase(
                    label: "discord url", secret: token,
                    file: IssueHAR.file(IssueHAR.log(url: "https://discord.com/api/webhooks/1234567890123/\(token)") { _ in }))
            }
        ),
        (
            "Telegram bot token as a path segment",
            {
                let token = String(Int.random(in: 100_000_000...999_999_999)) + ":AA" + RandomSecret.base64url(33)
                return IssueCase(
                    label: "telegram path", secret: token,
                    file: IssueHAR.file(IssueHAR.log(url: "https://api.telegram.org/bot\(token)/getMe") { _ in }))
            }
        ),
        (
            "Vercel protection-bypass header",
            {
                let secret = RandomSecret.alphanumeric(32)
                return IssueCase(
                    label: "vercel", secret: secret,
                    file: IssueHAR.file(
                        IssueHAR.log { entry in
                            entry.request.headers.append(HAR.NameValue(name: "x-vercel-protection-bypass", value: secret))
                        }))
            }
        ),
    ]

    @Test("token formats are found wherever they sit", arguments: formats.map(\.0))
    func format(label: String) throws {
        let make = try #require(Self.formats.first { $0.0 == label }?.1)
        try Self.expectFound(make())
    }

    /// Runs the audit on a raw file and checks it fails the audit without printing the secret.
    static func expectFound(_ planted: IssueCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let findings = try SecretAuditor().audit(data: planted.file, path: "raw/\(planted.label).har")
        let report = AuditReport(outcomes: [.audited(path: "raw.har", findings: findings)])
        #expect(report.exitCode == 1, "\(planted.label): not found", sourceLocation: sourceLocation)
        let printed = findings.map { $0.qualifiedLocation + " " + $0.preview + " " + $0.ruleID }.joined(separator: "\n")
        #expect(!printed.contains(planted.secret), "\(planted.label): a finding prints the secret", sourceLocation: sourceLocation)
        #expect(!report.text.contains(planted.secret), "\(planted.label): the report prints the secret", sourceLocation: sourceLocation)
    }
}
