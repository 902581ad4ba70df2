import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// Secrets found by their name or by their place: nested values, grouped seeds, recovery codes,
/// OAuth and PKCE parameters, path tokens, member names, bypass headers.
@Suite("redaction: secrets by name and by place")
struct RedactionNameTests {
    private func sanitize(_ request: HAR.Request = F.request(), json: String, headers: [(String, String)] = []) throws -> HAR.Log {
        try Redaction.sanitize(F.log(request, F.response(json: json, headers: headers)), policy: RedactionPolicy())
    }

    @Test("a secret under token.value, apiKey.data and a value with a sibling type naming a token")
    func nestedValues() throws {
        let first = RandomSecret.base64url(40)
        let second = RandomSecret.alphanumeric(32)
        let third = RandomSecret.hex(40)
        let json = #"""
            {"token":{"value":"\#(first)","expiresAt":"2030-01-01"},"apiKey":{"data":"\#(second)","id":"k1"},
             "result":{"type":"personal_access_token","value":"\#(third)","name":"ci"}}
            """#
        let clean = try sanitize(json: json)
        let body = try F.body(clean)
        #expect(body["token"]?["expiresAt"] == "2030-01-01")
        #expect(body["apiKey"]?["id"] == "k1")
        #expect(body["result"]?["name"] == "ci")
        #expect(body["result"]?["type"] == "personal_access_token")
        let survived = F.contains(F.text(clean), anyOf: [first, second, third])
        #expect(!survived)
    }

    @Test("a TOTP seed grouped with spaces under manualEntryKey, recovery.codes, secret_answer")
    func seedsAndRecovery() throws {
        let seed = RandomSecret.groupedTOTPSeed()
        let codes = (0..<4).map { _ in RandomSecret.backupCode() }
        let answer = "my first pet was " + RandomSecret.alphanumeric(10)
        let list = codes.map { "\"\($0)\"" }.joined(separator: ",")
        let json =
            #"{"mfa_setup":{"manualEntryKey":"\#(seed)"},"recovery":{"codes":[\#(list)],"remaining":4},"secret_answer":"\#(answer)"}"#
        let clean = try sanitize(json: json)
        let body = try F.body(clean)
        #expect(body["recovery"]?["codes"]?.arrayValue?.count == 4)
        #expect(body["recovery"]?["remaining"] == 4)
        let seedParts = seed.split(separator: " ").map(String.init)
        let survived = F.contains(F.text(clean), anyOf: [seed, answer] + codes + [seedParts.joined()])
        #expect(!survived)
    }

    @Test("PKCE code_verifier and the OAuth code in a Location header, a callback URL and a form")
    func oauthParameters() throws {
        let verifier = RandomSecret.base64url(64)
        let challenge = RandomSecret.base64url(43)
        let code = RandomSecret.alphanumeric(30)
        let bodyCode = RandomSecret.alphanumeric(30)
        let body = "grant_type=authorization_code&code=\(bodyCode)&code_verifier=\(verifier)"
        let request = F.request(
            "POST", url: "https://auth.example.com/oauth/token?code_challenge=\(challenge)",
            postData: HAR.PostData(mimeType: "application/x-www-form-urlencoded", text: body))
        let location = "https://app.example.com/callback?code=\(code)&state=xyz123"
        let json = #"{"redirect":"https://app.example.com/callback?code=\#(code)&state=abc","verifier":{"code_verifier":"\#(verifier)"}}"#
        let clean = try sanitize(request, json: json, headers: [("Location", location)])
        let written = F.text(clean)
        let leaked1 = F.contains(written, anyOf: [verifier, code, bodyCode])
        #expect(!leaked1)
        // The challenge is public by design and the state is a nonce: both stay readable.
        #expect(written.contains(challenge))
        #expect(clean.entries[0].response.headers.value(named: "Location")?.hasSuffix("&state=xyz123") == true)
    }

    @Test(
        "jsessionid in a path and one-time tokens as path segments",
        arguments: [
            "/app;jsessionid=%@?x=1", "/reset-password/%@", "/auth/verify-email/%@", "/invite/%@/accept", "/magic-link/%@",
        ])
    func pathSecrets(pattern: String) throws {
        let token = RandomSecret.linkToken()
        let url = "https://app.example.com" + pattern.replacingOccurrences(of: "%@", with: token)
        let json = #"{"links":{"next":"\#(url)"}}"#
        let clean = try sanitize(F.request(url: url), json: json)
        #expect(clean.entries[0].request.url.contains("REDACTED_"))
        let survived = F.contains(F.text(clean), anyOf: [token])
        #expect(!survived)
    }

    @Test("a token used as a JSON member name is replaced in the name and in the report")
    func tokenAsMemberName() throws {
        let token = RandomSecret.gitHubToken()
        let other = RandomSecret.jwt()
        let json = #"{"sessions":{"\#(token)":{"created":"2024-01-01"},"\#(other)":true,"plain":1}}"#
        let clean = try sanitize(json: json)
        let sessions = try #require(try F.body(clean)["sessions"]?.objectValue)
        #expect(sessions.count == 3)
        #expect(sessions.keys.filter { Placeholder.isPlaceholder($0) }.count == 2)
        let survived = F.contains(F.text(clean), anyOf: [token, other])
        #expect(!survived)
    }

    @Test("Vercel protection-bypass and X-Api-Key-like headers are replaced, flag values kept")
    func bypassHeaders() throws {
        let bypass = RandomSecret.alphanumeric(32)
        let apiKey = RandomSecret.alphanumeric(40)
        let goog = RandomSecret.alphanumeric(39)
        let request = F.request(headers: [
            ("x-vercel-protection-bypass", bypass), ("x-vercel-set-bypass-cookie", "samesitenone"),
            ("X-Api-Key", apiKey), ("X-Goog-Api-Key", goog),
        ])
        let clean = try sanitize(request, json: "{}")
        let headers = clean.entries[0].request.headers
        #expect(headers.value(named: "x-vercel-set-bypass-cookie") == "samesitenone")
        #expect(headers.value(named: "x-vercel-protection-bypass")?.hasPrefix("REDACTED_") == true)
        let survived = F.contains(F.text(clean), anyOf: [bypass, apiKey, goog])
        #expect(!survived)
    }

    @Test("a Link header with a placeholder is not a leak for the redactor; one with a real token keeps its <…> shape")
    func linkHeader() throws {
        let redacted = #"<https://api.example.com/items?page=2&access_token=REDACTED_1>; rel="next""#
        let log = F.log(F.request(), F.response(json: "{}", headers: [("Link", redacted)]))
        let clean = Redaction.redact(log, policy: RedactionPolicy()).log
        #expect(clean.entries[0].response.headers.value(named: "Link") == redacted)
        #expect(Redaction.leaks(in: clean, policy: RedactionPolicy()).isEmpty)

        let token = RandomSecret.base64url(40)
        let live = #"<https://api.example.com/items?page=2&access_token=\#(token)>; rel="next""#
        let cleaned = Redaction.redact(F.log(F.request(), F.response(json: "{}", headers: [("Link", live)])), policy: RedactionPolicy()).log
        let link = cleaned.entries[0].response.headers.value(named: "Link") ?? ""
        #expect(link.hasPrefix("<https://api.example.com/items?page=2&access_token=REDACTED_"))
        #expect(link.hasSuffix(#">; rel="next""#))
        let leaked2 = F.contains(F.text(cleaned), anyOf: [token])
        #expect(!leaked2)
    }

    @Test("look-alike names stay: accessTokenType, hasSecret, token counts, code_challenge, state")
    func lookAlikeNames() throws {
        let json = #"""
            {"accessTokenType":"ACCESS_TOKEN_TYPE_JWT","hasSecret":true,"tokenCount":3,"state":"active",
             "value":"plain words","type":"user","token":{"expiresAt":"2030-01-01","scopes":["read"]}}
            """#
        let clean = try sanitize(json: json)
        #expect(try F.body(clean) == JSONParser.parse(json))
    }
}
