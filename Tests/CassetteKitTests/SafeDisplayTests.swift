import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Secrets of every kind the display path must recognise without a name: by entropy (random
/// letters and digits, base64url, long hex), by format (an Atoms key, a JWT, an Unleash token).
private func freshSecrets() -> [String] {
    [
        RandomSecret.alphanumeric(40), RandomSecret.base64url(43), RandomSecret.hex(40), RandomSecret.atomsKey(),
        RandomSecret.jwt(), RandomSecret.unleashPAT(),
    ]
}

@Suite("SafeDisplay hides secrets in every position and keeps the rest readable")
struct SafeDisplayTests {
    @Test("a secret as a URL path segment is hidden; the other segments and the host stay")
    func pathSegment() {
        for secret in freshSecrets() where !secret.contains(":") {
            let shown = SafeDisplay.url("https://api.example.com/v1/reset/\(secret)/confirm?page=2")
            #expect(!SecretTraces.found(secret, in: shown))
            #expect(shown.hasPrefix("https://api.example.com/v1/reset/<hidden:"))
            #expect(shown.hasSuffix("/confirm?page=2"))
        }
    }

    @Test("a secret in a neutral query parameter, percent-encoded or not, is hidden; the name stays")
    func neutralQueryParameter() {
        for secret in freshSecrets() {
            let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
            for value in [secret, encoded] {
                let shown = SafeDisplay.url("https://api.example.com/v2/users/me?lang=en&state=\(value)&page=2")
                #expect(!SecretTraces.found(secret, in: shown))
                #expect(shown.contains("?lang=en&state=<hidden:"))
                #expect(shown.hasSuffix("&page=2"))
            }
        }
    }

    @Test("a short password under a secret name is hidden in queries, user-info and fragments")
    func secretNamesInURLs() {
        let password = "pw" + RandomSecret.alphanumeric(6)
        let code = RandomSecret.alphanumeric(8)
        let shown = SafeDisplay.url(
            "https://alice:\(password)@api.example.com/cb;jsessionid=\(code)?code=\(code)&password=\(password)#access_token=\(code)&x=1")
        #expect(!shown.contains(password) && !shown.contains(code))
        #expect(shown.hasPrefix("https://alice:<hidden:password>@api.example.com/cb;jsessionid=<hidden:"))
        #expect(shown.contains("?code=<hidden:") && shown.contains("&password=<hidden:"))
        #expect(shown.contains("#access_token=<hidden:") && shown.hasSuffix(">&x=1"))
    }

    @Test("a secret as the value of a neutral header is hidden; credential headers keep scheme and placeholder")
    func headers() {
        for secret in freshSecrets() {
            let neutral = SafeDisplay.header(name: "X-Request-Trace", value: secret)
            #expect(!SecretTraces.found(secret, in: neutral))
            #expect(neutral.hasPrefix("<hidden:"))
            let bearer = SafeDisplay.header(name: "Authorization", value: "Bearer \(secret)")
            #expect(bearer == "Bearer <hidden:credential>")
        }
        let password = RandomSecret.alphanumeric(7)
        #expect(SafeDisplay.header(name: "Authorization", value: "Bearer REDACTED_1") == "Bearer REDACTED_1")
        #expect(
            SafeDisplay.header(name: "Cookie", value: "sid=\(password); theme=REDACTED_2") == "sid=<hidden:credential>; theme=REDACTED_2")
        #expect(
            SafeDisplay.header(name: "Set-Cookie", value: "sid=\(password); Path=/; HttpOnly")
                == "sid=<hidden:credential>; Path=/; HttpOnly")
        #expect(SafeDisplay.header(name: "X-Api-Key", value: password) == "<hidden:credential>")
        #expect(SafeDisplay.header(name: "Accept", value: "application/json") == "application/json")
        #expect(
            SafeDisplay.header(name: "Link", value: "<https://api.example.com/x?page=2&access_token=REDACTED_1>; rel=\"next\"")
                == "<https://api.example.com/x?page=2&access_token=REDACTED_1>; rel=\"next\"")
    }

    @Test("a secret used as a JSON member name is hidden inside pointers; ordinary names and indices stay")
    func pointers() {
        for secret in freshSecrets() {
            let pointer = JSONPointer(tokens: ["data", "keys", secret, "0", "name"])
            let shown = SafeDisplay.pointer(pointer)
            #expect(!SecretTraces.found(secret, in: shown))
            #expect(shown.hasPrefix("/data/keys/<hidden:") && shown.hasSuffix(">/0/name"))
            #expect(SafeDisplay.pointer(pointer.description) == shown)
        }
        #expect(SafeDisplay.pointer(JSONPointer(tokens: ["user", "a/b", "password"])) == "/user/a~1b/password")
    }

    @Test("JSON values: secrets under secret names and secret-looking strings hidden, the shape kept, a cut never shows a secret")
    func jsonValues() throws {
        let secret = RandomSecret.alphanumeric(40)
        let pin = String(Int.random(in: 100_000...999_999))
        let value = try JSONParser.parse(Data(#"{"name":"Ada","pin":\#(pin),"note":"key \#(secret)","\#(secret)":true}"#.utf8))
        let shown = SafeDisplay.json(value, limit: 200)
        #expect(!SecretTraces.found(secret, in: shown) && !shown.contains(pin))
        #expect(shown.contains(#""name":"Ada""#) && shown.contains(#""pin":<hidden:"#))
        let cut = SafeDisplay.json(.string("padding padding padding \(secret)"), limit: 30)
        #expect(!SecretTraces.found(secret, in: cut))
    }

    @Test("free text: token runs, key=value pairs and Name: lines are judged; prose stays")
    func freeText() {
        let secret = RandomSecret.base64url(43)
        let password = RandomSecret.alphanumeric(8)
        let shown = SafeDisplay.text(
            "error: --request \"GET https://api.example.com/me?x=\(secret)\" failed; password=\(password) and Authorization: Bearer \(password)"
        )
        #expect(!SecretTraces.found(secret, in: shown) && !shown.contains(password))
        #expect(shown.hasPrefix("error: --request \"GET https://api.example.com/me?x=<hidden:"))
        #expect(shown.contains("Authorization: Bearer <hidden:credential>"))
    }

    @Test("ordinary values and placeholders stay exactly as written")
    func ordinaryValuesStay() {
        let uuid = UUID().uuidString
        for ordinary in [
            "/v2/users/me", "200", "application/json", "REDACTED_12", "https://api.example.com/v2/users/me?page=2&lang=en",
            "/v1/organization_memberships/\(uuid)", "2024-01-02T03:04:05.678Z", "507f1f77bcf86cd799439011",
            "text/html; charset=utf-8", "no recorded interaction matches GET /v1/users",
        ] {
            #expect(SafeDisplay.text(ordinary) == ordinary)
            #expect(SafeDisplay.url(ordinary) == ordinary || !ordinary.hasPrefix("/"))
        }
        #expect(SafeDisplay.value("REDACTED_3", name: "password") == "REDACTED_3")
        #expect(SafeDisplay.value("", name: "password").isEmpty)
        #expect(SafeDisplay.value("en", name: "lang") == "en")
    }

    /// Its time and memory are measured by `cassette-bench hostile` (the `display-*` inputs, release
    /// build, goal 2 s and 200 MB); here, that each ends with a bounded result.
    @Test("the display path ends on hostile text of a few MB with a bounded result")
    func hostileInputEndsQuickly() {
        let inputs = [
            String(repeating: "eyJ", count: 200_000), String(repeating: "a=", count: 300_000),
            String(repeating: "https://", count: 100_000), String(repeating: "/%2", count: 200_000),
            String(repeating: "x:", count: 300_000),
        ]
        for input in inputs {
            let shown = [SafeDisplay.text(input), SafeDisplay.url(input), SafeDisplay.pointer(input)]
            #expect(shown.allSatisfy { $0.utf8.count <= input.utf8.count * 2 })
        }
    }

    /// Formats are matched at word boundaries, as gitleaks' `\b` reads them: a token after `x-`
    /// or `v1.` is still the token, even when its letters alone would not look random.
    @Test("a prefixed token after a - or . inside a run is masked, whatever its entropy")
    func tokenAfterWordBoundary() {
        let plain = "ghp_" + String(repeating: "abcd", count: 9)
        let stripe = "sk_live_" + String(repeating: "ab12", count: 6)
        for text in ["application/x-\(plain)", "content x-\(plain)", "key v1.\(stripe) end"] {
            let shown = SafeDisplay.text(text)
            #expect(!shown.contains(plain) && !shown.contains(stripe))
        }
        #expect(SafeDisplay.text("application/x-www-form-urlencoded") == "application/x-www-form-urlencoded")
        #expect(SafeDisplay.text("text/x-shellscript; charset=utf-8") == "text/x-shellscript; charset=utf-8")
    }
}
