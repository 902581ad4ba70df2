import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// The published token formats of widely used services, each planted with a fresh random value
/// in a neutral JSON member, in a plain-text body and in a request URL.
@Suite("redaction: token formats of widely used services")
struct RedactionTokenFormatTests {
    /// One fresh token per format (generated per test run).
    static let tokens: [@Sendable () -> String] = [
        RandomSecret.googleAPIKey, RandomSecret.slackBotToken, RandomSecret.slackUserToken,
        RandomSecret.telegramBotToken, RandomSecret.openAIProjectKey, RandomSecret.openAILegacyKey,
        RandomSecret.anthropicKey, { RandomSecret.gitHubToken("ghp") }, { RandomSecret.gitHubToken("gho") },
        { RandomSecret.gitHubToken("ghu") }, { RandomSecret.gitHubToken("ghs") }, { RandomSecret.gitHubToken("ghr") },
        RandomSecret.gitHubFineGrainedToken, RandomSecret.gitLabToken, { RandomSecret.awsAccessKeyID() },
        { RandomSecret.awsAccessKeyID(temporary: true) }, { RandomSecret.stripeKey("sk_live") },
        { RandomSecret.stripeKey("rk_live") }, { RandomSecret.stripeKey("pk_live") }, RandomSecret.twilioAPIKey,
        RandomSecret.sendGridKey, RandomSecret.npmToken, RandomSecret.pyPIToken, RandomSecret.jwe, { RandomSecret.jwt() },
    ]

    /// Raw, percent-encoded and base64 forms of a secret, for "no form survives" checks.
    static func forms(of secret: String) -> [String] {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-._~")
        return [secret, secret.addingPercentEncoding(withAllowedCharacters: unreserved) ?? secret, Data(secret.utf8).base64EncodedString()]
    }

    @Test("a token under a neutral JSON member is replaced", arguments: 0..<tokens.count)
    func neutralMember(format: Int) throws {
        let token = Self.tokens[format]()
        let json = #"{"data":{"note":"\#(token)","hint":"use \#(token) for the upstream call"}}"#
        let clean = try Redaction.sanitize(F.log(F.request(), F.response(json: json)), policy: RedactionPolicy())
        let body = try F.body(clean)
        // A placeholder that keeps the token's format (`ghp_REDACTED…0001`) or `REDACTED_1`.
        let note = try #require(body["data"]?["note"]?.stringValue)
        #expect(Placeholder.isPlaceholder(note))
        #expect(body["data"]?["hint"]?.stringValue == "use \(note) for the upstream call")
        let survived = F.contains(F.text(clean), anyOf: Self.forms(of: token))
        #expect(!survived)
    }

    @Test("a token in a plain-text body and a request URL is replaced", arguments: 0..<tokens.count)
    func textAndURL(format: Int) throws {
        let token = Self.tokens[format]()
        let request = F.request(url: "https://api.example.com/v1/hooks/\(token)/ping")
        let response = F.response(json: "upstream said: \(token) (rotate it)\n", mimeType: "text/plain")
        let clean = try Redaction.sanitize(F.log(request, response), policy: RedactionPolicy())
        #expect(!Placeholder.spans(in: clean.entries[0].request.url).isEmpty)
        let survived = F.contains(F.text(clean), anyOf: Self.forms(of: token))
        #expect(!survived)
    }

    @Test("Slack and Discord webhook URLs are replaced in bodies and request URLs")
    func webhookURLs() throws {
        let slack = RandomSecret.slackWebhookURL()
        let discord = RandomSecret.discordWebhookURL()
        let discordApp = RandomSecret.discordWebhookURL(host: "discordapp.com")
        let json = #"{"settings":{"alerts":"\#(slack.url)","chat":"\#(discord.url)","legacy":"\#(discordApp.url)"}}"#
        let request = F.request("POST", url: slack.url)
        let clean = try Redaction.sanitize(F.log(request, F.response(json: json)), policy: RedactionPolicy())
        let body = try F.body(clean)
        // The URL and its path's shape kept, only the secret parts replaced.
        let slackPath = "https://hooks.slack.com/services/TREDACTED/BREDACTED/REDACTED"
        #expect(body["settings"]?["alerts"]?.stringValue?.hasPrefix(slackPath) == true)
        let discordPath = "/api/webhooks/100000000000000000/REDACTED"
        #expect(body["settings"]?["chat"]?.stringValue?.hasPrefix("https://discord.com" + discordPath) == true)
        #expect(body["settings"]?["legacy"]?.stringValue?.hasPrefix("https://discordapp.com" + discordPath) == true)
        #expect(clean.entries[0].request.url.hasPrefix(slackPath))
        let survived = F.contains(F.text(clean), anyOf: [slack.secret, discord.token, discordApp.token])
        #expect(!survived)
    }

    @Test("a Telegram bot token in the Bot API path is replaced, the path kept")
    func telegramPath() throws {
        let token = RandomSecret.telegramBotToken()
        let request = F.request(url: "https://api.telegram.org/bot\(token)/sendMessage?chat_id=42")
        let clean = try Redaction.sanitize(F.log(request, F.response(json: #"{"ok":true}"#)), policy: RedactionPolicy())
        #expect(clean.entries[0].request.url.hasPrefix("https://api.telegram.org/botREDACTED_"))
        #expect(clean.entries[0].request.url.hasSuffix("/sendMessage?chat_id=42"))
        let survived = F.contains(F.text(clean), anyOf: Self.forms(of: token))
        #expect(!survived)
    }

    @Test("each format is reported under its own rule name")
    func ruleNames() throws {
        let planted: [(String, String)] = [
            (RandomSecret.googleAPIKey(), "value:google-api-key"), (RandomSecret.slackBotToken(), "value:slack-token"),
            (RandomSecret.openAIProjectKey(), "value:openai"), (RandomSecret.anthropicKey(), "value:anthropic"),
            (RandomSecret.gitHubToken(), "value:github"), (RandomSecret.gitLabToken(), "value:gitlab"),
            (RandomSecret.awsAccessKeyID(), "value:aws-access-key-id"), (RandomSecret.stripeKey(), "value:stripe"),
            (RandomSecret.sendGridKey(), "value:sendgrid"), (RandomSecret.npmToken(), "value:npm"),
            (RandomSecret.pyPIToken(), "value:pypi"), (RandomSecret.jwe(), "value:jwe"),
            (RandomSecret.telegramBotToken(), "value:telegram-bot-token"), (RandomSecret.twilioAPIKey(), "value:twilio"),
        ]
        let members = planted.enumerated().map { #""f\#($0.offset)":"\#($0.element.0)""# }.joined(separator: ",")
        let clean = try Redaction.sanitize(F.log(F.request(), F.response(json: "{\(members)}")), policy: RedactionPolicy())
        let lines = F.reportLines(clean)
        for (index, (_, rule)) in planted.enumerated() {
            #expect(lines.contains("0 response body /f\(index) \(rule)"), "rule \(rule)")
        }
    }

    @Test("a JSON-escaped token in a raw text body is found (\\u0073k_live_…)")
    func escapedToken() throws {
        let key = RandomSecret.stripeKey()
        let escaped = "\\u0073" + key.dropFirst()
        let google = RandomSecret.googleAPIKey()
        let escapedGoogle = "\\u0041" + google.dropFirst()
        let text = "callback({\"key\":\"\(escaped)\",\"maps\":\"\(escapedGoogle)\"}"
        let response = F.response(json: text, mimeType: "text/javascript")
        let clean = try Redaction.sanitize(F.log(F.request(), response), policy: RedactionPolicy())
        let written = clean.entries[0].response.content.text ?? ""
        let leaked1 = written.contains(key.dropFirst(6))
        #expect(!leaked1)
        let leaked2 = written.contains(google.dropFirst(6))
        #expect(!leaked2)
        #expect(written.contains("REDACTED_"))
    }

    @Test(
        "look-alikes are left alone",
        arguments: [
            #"{"accessTokenType":"ACCESS_TOKEN_TYPE_BEARER","hasSecret":true}"#,
            #"{"id":"3f8e2a4c-9b1d-4e7f-8a6b-2c5d9e0f1a3b","ref":"skip_the_intro_video"}"#,
            #"{"token":"REDACTED_1","link":"https://hooks.slack.com/services/REDACTED_2"}"#,
            #"{"title":"Basic information","label":"AKIA rules","sku":"sk-small","slug":"sk-ant-colony"}"#,
            #"{"path":"/invite/accept-terms-and-conditions","when":"12:30:45","ratio":"16:9"}"#,
        ])
    func lookAlikes(json: String) throws {
        let clean = try Redaction.sanitize(F.log(F.request(), F.response(json: json)), policy: RedactionPolicy())
        let original = try JSONParser.parse(json)
        #expect(try F.body(clean) == original)
    }
}
