import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Secrets recognised by what their key says, planted fresh in every place and encoding.
@Suite("audit: key-context rules find planted secrets everywhere")
struct AuditContextRuleTests {
    static let contexts: [(rule: String, make: @Sendable () -> PlantedSecret)] = [
        (
            "password-key",
            {
                let v = RandomSecret.alphanumeric(14)
                return PlantedSecret(label: "password", key: "password", value: v, secret: v)
            }
        ),
        (
            "password-key",
            {
                let v = RandomSecret.alphanumeric(10)
                return PlantedSecret(label: "new_password", key: "new_password", value: v, secret: v)
            }
        ),
        (
            "token-key",
            {
                let v = RandomSecret.base64url(43)
                return PlantedSecret(label: "access_token", key: "access_token", value: v, secret: v)
            }
        ),
        (
            "token-key",
            {
                let v = RandomSecret.base64url(64)
                return PlantedSecret(label: "refresh_token", key: "refreshToken", value: v, secret: v)
            }
        ),
        (
            "token-key",
            {
                let v = RandomSecret.alphanumeric(32)
                return PlantedSecret(label: "client_secret", key: "client_secret", value: v, secret: v)
            }
        ),
        (
            "token-key",
            {
                let v = RandomSecret.hex(40)
                return PlantedSecret(label: "api_key", key: "api_key", value: v, secret: v)
            }
        ),
        (
            "totp-seed",
            {
                let v = RandomSecret.base32(32)
                return PlantedSecret(label: "totp_secret", key: "totp_secret", value: v, secret: v)
            }
        ),
        (
            "totp-seed",
            {
                let v = RandomSecret.base32(16)
                return PlantedSecret(label: "80-bit seed under secret", key: "secret", value: v, secret: v)
            }
        ),
        (
            "backup-codes",
            {
                let v = RandomSecret.backupCode()
                return PlantedSecret(label: "backup code", key: "backup_codes", value: v, secret: v)
            }
        ),
        (
            "backup-codes",
            {
                let v = RandomSecret.alphanumeric(5) + "1" + RandomSecret.alphanumeric(4)
                return PlantedSecret(label: "recovery code", key: "recoveryCodes", value: v, secret: v)
            }
        ),
        (
            "high-entropy-under-secret-key",
            {
                let v = RandomSecret.base64url(22)
                return PlantedSecret(label: "22-char signature", key: "signature", value: v, secret: v)
            }
        ),
        (
            "high-entropy-under-secret-key",
            {
                let v = RandomSecret.hex(16) + RandomSecret.alphanumeric(8)
                return PlantedSecret(label: "session hmac", key: "session_hmac", value: v, secret: v)
            }
        ),
    ]

    static var cases: [(String, Int, AuditPlace)] {
        contexts.indices.flatMap { index in AuditPlace.allCases.map { (contexts[index].rule, index, $0) } }
    }

    /// In a header whose name announces a credential, and in cookies, the credential-header rule names it.
    static func expectedRule(_ rule: String, key: String, place: AuditPlace) -> String {
        let credentialPlace = [AuditPlace.header, .cookie, .setCookie].contains(place)
        if credentialPlace, ["password-key", "token-key"].contains(rule) { return "credential-header" }
        if place == .cookie || place == .setCookie, rule == "high-entropy-under-secret-key" { return "credential-header" }
        if place == .header, key == "secret" { return "credential-header" }
        return rule
    }

    @Test("a planted value under a secret key is found with its rule, masked", arguments: cases)
    func found(rule: String, index: Int, place: AuditPlace) {
        let planted = Self.contexts[index].make()
        let log = AuditPlanting.log(key: planted.key, value: planted.value, at: place)
        let findings = SecretAuditor().audit(log, file: "planted.har.gz")
        let expected = Self.expectedRule(rule, key: planted.key, place: place)
        #expect(
            findings.contains { $0.ruleID == expected }, "\(planted.label) at \(place): \(findings.map { "\($0.ruleID) \($0.location)" })")
        for finding in findings {
            #expect(!finding.preview.contains(planted.secret))
        }
    }

    @Test("backup codes in an array are each found by JSON pointer")
    func backupCodeArray() {
        let codes = (0..<12).map { _ in RandomSecret.backupCode() }
        let log = AuditPlanting.clean(body: JSONSerializer.string(["data": ["backup_codes": .array(codes.map { .string($0) })]]))
        let findings = SecretAuditor().audit(log, file: "x.har")
        #expect(findings.count == 12)
        #expect(findings.allSatisfy { $0.ruleID == "backup-codes" })
        #expect(findings.first?.location == "response body /data/backup_codes/0")
    }

    @Test("credential headers: bearer, Basic password, cookies and Set-Cookie sessions")
    func credentialHeaders() {
        let opaque = RandomSecret.base64url(40)
        let password = RandomSecret.alphanumeric(12)
        let basic = Data("ada:\(password)".utf8).base64EncodedString()
        let session = RandomSecret.alphanumeric(24)
        let express = "s%3A" + RandomSecret.alphanumeric(32) + "." + RandomSecret.base64url(43)
        let log = AuditPlanting.clean(
            body: "{}",
            requestHeaders: [
                HAR.NameValue(name: "Authorization", value: "Bearer \(opaque)"),
                HAR.NameValue(name: "Proxy-Authorization", value: "Basic \(basic)"),
                HAR.NameValue(name: "X-Api-Key", value: RandomSecret.alphanumeric(32)),
                HAR.NameValue(name: "Cookie", value: "sid=\(session); theme=dark"),
            ],
            responseHeaders: [HAR.NameValue(name: "Set-Cookie", value: "unleash-session=\(express); Path=/; HttpOnly")])
        let findings = SecretAuditor().audit(log, file: "x.har")
        #expect(
            findings.map(\.location) == [
                "request header Authorization", "request header Proxy-Authorization", "request header X-Api-Key",
                "request header Cookie (sid)", "response header Set-Cookie (unleash-session)",
            ])
        #expect(findings.allSatisfy { $0.ruleID == "credential-header" })
        #expect(findings.allSatisfy { !$0.preview.contains(password) && !$0.preview.contains(opaque) })
    }

    @Test("Wacht session carriers: __session cookie, __dev_session__ query, X-Development-Session header")
    func wachtSession() {
        let jwt = RandomSecret.jwt()
        for place in [AuditPlace.cookie, .setCookie, .query] {
            let findings = SecretAuditor().audit(
                AuditPlanting.log(key: place == .query ? "__dev_session__" : "__session", value: jwt, at: place), file: "x.har")
            #expect(findings.map(\.ruleID) == ["wacht-session"], "\(place)")
        }
        let header = SecretAuditor().audit(AuditPlanting.log(key: "X-Development-Session", value: jwt, at: .header), file: "x.har")
        #expect(header.map(\.ruleID) == ["wacht-session"])
    }

    @Test("ZITADEL bearer tokens, opaque or JWT, in requests to ZITADEL")
    func zitadelBearer() {
        for token in [RandomSecret.zitadelOpaqueToken(), RandomSecret.jwt(algorithm: "RS256")] {
            let log = AuditPlanting.log(
                key: "Authorization", value: "Bearer \(token)", at: .header, url: "https://acme.zitadel.cloud/auth/v1/users/me")
            let findings = SecretAuditor().audit(log, file: "x.har")
            #expect(findings.map(\.ruleID) == ["zitadel-bearer"])
        }
    }

    @Test("Unleash echoes an API token in user.secret; an invite link carries a reset token")
    func unleashBody() {
        let token = RandomSecret.unleashClientToken()
        let reset = RandomSecret.alphanumeric(30)
        let body = JSONSerializer.string([
            "user": .object(
                JSONObject([
                    ("username", "ci-token"), ("secret", .string(token)),
                    ("inviteLink", .string("https://unleash.example.com/new-user?token=\(reset)")),
                ]))
        ])
        let findings = SecretAuditor().audit(AuditPlanting.clean(body: body), file: "x.har")
        #expect(findings.map(\.ruleID) == ["unleash-token", "token-key"])
        #expect(findings.map(\.location) == ["response body /user/secret", "response body /user/inviteLink query token"])
    }

    @Test("passwords in request bodies: JSON, form and URL user-info")
    func passwords() {
        let password = RandomSecret.alphanumeric(12)
        var log = AuditPlanting.clean(body: "{}", url: "https://ada:\(password)x@example.com/login")
        log.entries[0].request.postData = HAR.PostData(mimeType: "application/x-www-form-urlencoded", text: "user=ada&password=\(password)")
        let findings = SecretAuditor().audit(log, file: "x.har")
        #expect(findings.map(\.location) == ["request url user-info", "request body form password"])
        #expect(findings.allSatisfy { $0.ruleID == "password-key" })
    }
}
