import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// Inputs that made the old regular-expression rules backtrack for minutes. The scanners are
/// linear, so each of these finishes; the tests assert on the result, not on time.
@Suite("redaction: hostile input for the value rules")
struct RedactionHostileInputTests {
    private func sanitizedText(_ text: String) throws -> String {
        let response = F.response(json: text, mimeType: "text/plain")
        let clean = try Redaction.sanitize(F.log(F.request(), response), policy: RedactionPolicy())
        return clean.entries[0].response.content.text ?? ""
    }

    @Test("eyJ repeated 20,000 times is kept as it is (no JWT shape)")
    func repeatedJWTHeader() throws {
        let text = String(repeating: "eyJ", count: 20_000)
        #expect(try sanitizedText(text) == text)
    }

    @Test("eyJ with dots repeated 20,000 times is kept (every segment too short)")
    func repeatedJWTHeaderWithDots() throws {
        let text = String(repeating: "eyJ.", count: 20_000)
        #expect(try sanitizedText(text) == text)
    }

    @Test("a long token-character run before an Unleash admin token: the token is replaced")
    func longRunBeforeUnleashToken() throws {
        let token = RandomSecret.unleashAdminToken()
        let text = String(repeating: "a-_9", count: 50_000) + " " + token + " end"
        let clean = try sanitizedText(text)
        let leaked1 = clean.contains(token)
        #expect(!leaked1)
        #expect(clean.hasSuffix(" \(F.unleashToken(1)) end"))
    }

    @Test("a long hex run glued to an Unleash token shape is found once and the text kept")
    func longHexRunBeforeUnleashToken() throws {
        let hexRun = RandomSecret.hex(200_000)
        let token = "*:*." + RandomSecret.hex(56)
        let text = hexRun + token
        let clean = try sanitizedText(text)
        let leaked2 = clean.contains(token)
        #expect(!leaked2)
        #expect(clean.hasPrefix(String(hexRun.prefix(1000))))
    }

    @Test("colons, dots and stars repeated (Unleash anchors without a secret) are kept")
    func unleashAnchors() throws {
        let text = String(repeating: "*:*.", count: 30_000) + String(repeating: "ab:cd.", count: 30_000)
        #expect(try sanitizedText(text) == text)
    }

    @Test(
        "repeated prefixes and scheme words without a credential are kept",
        arguments: [
            "sk_", "SG.", "AIza", "xoxb-", "Bearer ", "https://a", "/reset-password/", "hooks.slack.com/services/", "1234567890:",
        ])
    func repeatedPrefixes(prefix: String) throws {
        let text = String(repeating: prefix + " ", count: 20_000)
        #expect(try sanitizedText(text) == text)
    }

    @Test("a 1 MB body mixing every hostile shape with planted secrets")
    func oneMegabyteMix() throws {
        let secrets = [RandomSecret.unleashAdminToken(), RandomSecret.jwt(), RandomSecret.googleAPIKey(), RandomSecret.stripeKey()]
        var text = ""
        text.reserveCapacity(1_100_000)
        text += String(repeating: "eyJ", count: 100_000)
        text += " " + secrets[0] + " "
        text += String(repeating: "0123456789abcdef", count: 20_000)
        text += " " + secrets[1] + " "
        text += String(repeating: "*:*.", count: 40_000)
        text += " " + secrets[2] + " "
        text += String(repeating: "a_b-", count: 60_000)
        text += " " + secrets[3]
        #expect(text.utf8.count > 1_000_000)
        let clean = try sanitizedText(text)
        let survived = F.contains(clean, anyOf: secrets)
        #expect(!survived)
        #expect(clean.utf8.count > 900_000)
    }
}
