import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// What real `/me` traffic is full of, and must never raise a finding.
@Suite("audit: no false alarms on look-alikes")
struct AuditLookAlikeTests {
    static let bodies: [(String, String)] = [
        ("snowflake and integer ids", #"{"id":"69629012906488334","user_email_address_id":7205123456789012345,"rootRole":1}"#),
        ("UUIDs", #"{"id":"3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b","feedbackId":"9b2d4c1e-0f3a-4b5c-8d7e-6f5a4b3c2d1e"}"#),
        ("Mongo ObjectIds and org ids", #"{"_id":"642f1c3e9b1e8a001f4d2a7b","organizationId":"org_9f8b7c6d5e4a3b2c1d0e"}"#),
        (
            "gravatar hash in an avatar URL",
            #"{"imageUrl":"https://gravatar.com/avatar/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08?s=42&d=retro&r=g"}"#
        ),
        (
            "digests and checksums",
            #"{"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","etag":"\"33a64df551425fcc55e4d42a148795d9f25f89d4\"","integrity":"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="}"#
        ),
        (
            "timestamps, zero time and epochs",
            #"{"createdAt":"2023-06-30T11:42:00.345Z","verified_at":"0001-01-01T00:00:00Z","session_expires":1700000000,"last_password_reset_at":"2024-01-02T03:04:05Z"}"#
        ),
        (
            "enum names",
            #"{"state":"USER_STATE_ACTIVE","accessTokenType":"ACCESS_TOKEN_TYPE_JWT","token_type":"Bearer","second_factor_policy":"enforced","verification_strategy":"oath_google","provider":"github_oauth","accountType":"Service Account","seatType":"Regular"}"#
        ),
        (
            "flags about secrets",
            #"{"machine":{"hasSecret":true},"docs":{"hasSecret":"true"},"has_password":true,"has_passkeys":false,"backup_codes_generated":true,"passwordChanged":"2024-01-02T03:04:05Z","isEmailVerified":true}"#
        ),
        ("empty and null secret fields", #"{"password":"","token":"","secret":null,"access_token":"","backup_codes":[],"totp_secret":""}"#),
        (
            "the toolkit's placeholders",
            #"{"secret":"REDACTED_3","inviteLink":"https://u.example.com/new-user?token=REDACTED_4","otp_url":"otpauth://totp/Wacht:ada@example.com?algorithm=SHA1&digits=6&issuer=Wacht&period=30&secret=REDACTED_5","backup_codes":["REDACTED_6","REDACTED_7"],"password":"REDACTED","note":"Bearer REDACTED_1"}"#
        ),
        ("other tools' masks", #"{"password":"********","token":"[FILTERED]","api_key":"<redacted>","client_secret":"xxxxxxxxxxxx"}"#),
        (
            "validation messages about passwords",
            #"{"errors":{"password":"must be at least 8 characters long","token":"is invalid or has expired"}}"#
        ),
        (
            "a counter and numbers under secret-sounding keys",
            #"{"activeSessions":1,"deletedSessions":0,"loginAttempts":3,"sess":1234567,"pin_length":6}"#
        ),
        (
            "publishable keys and public names",
            #"{"key":"feature.dark-mode","name":"Ada Lovelace","permission":"ADMIN","sequence":"2","splash":{"personalDashboardKeyConcepts":true}}"#
        ),
        (
            "prose and enum words under secret names",
            #"{"password":"must have one digit here","token":"is invalid","secret":"not-set","api_key":"use your own key","hint":"abcd efgh ijkl"}"#
        ),
        (
            "a typed object with a placeholder or a public value",
            #"{"result":{"type":"personal_access_token","value":"REDACTED_2","name":"ci token"},"grant":{"type":"authorization_code","data":"scopes=read"}}"#
        ),
        (
            "an Unleash 401 and a ZITADEL error",
            #"{"id":"3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b","name":"UnauthorizedError","message":"You must log in to use Unleash.","code":16,"details":[{"@type":"type.googleapis.com/zitadel.v1.ErrorDetail","id":"AUTH-7fs1e","message":"Errors.Token.Invalid"}]}"#
        ),
    ]

    @Test("a clean /me body raises nothing", arguments: bodies.map(\.0))
    func cleanBody(label: String) throws {
        let body = try #require(Self.bodies.first { $0.0 == label }?.1)
        let findings = SecretAuditor().audit(AuditPlanting.clean(body: body), file: "clean.har")
        #expect(findings.isEmpty, "\(label): \(findings.map { "\($0.ruleID) \($0.location)" })")
    }

    static let headerSets: [(String, [HAR.NameValue], [HAR.NameValue])] = [
        (
            "placeholder credentials",
            [
                HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1"),
                HAR.NameValue(name: "Proxy-Authorization", value: "REDACTED_2"),
                HAR.NameValue(name: "Cookie", value: "__session=REDACTED_3; theme=dark; lang=en"),
                HAR.NameValue(name: "X-Api-Key", value: "REDACTED_4"),
            ],
            [
                HAR.NameValue(name: "Set-Cookie", value: "unleash-session=REDACTED_5; Path=/; HttpOnly"),
                HAR.NameValue(name: "X-Development-Session", value: "REDACTED_6"),
            ]
        ),
        (
            "ids, ETags and digests in headers",
            [
                HAR.NameValue(name: "X-Request-Id", value: "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"),
                HAR.NameValue(name: "x-zitadel-orgid", value: "69629012906488334"),
                HAR.NameValue(name: "If-None-Match", value: "W/\"5d41402abc4b2a76b9719d911017c592\""),
            ],
            [
                HAR.NameValue(name: "ETag", value: "W/\"33a64df551425fcc55e4d42a148795d9f25f89d4\""),
                HAR.NameValue(name: "Digest", value: "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="),
                HAR.NameValue(name: "Date", value: "Tue, 02 Jan 2024 03:04:05 GMT"),
                HAR.NameValue(name: "X-RateLimit-Remaining", value: "4999"),
            ]
        ),
        (
            "harmless cookies",
            [
                HAR.NameValue(
                    name: "Cookie", value: "_ga=GA1.2.1234567890.1234567890; theme=dark; __dev_session_updated_at=1700000000; consent=true")
            ],
            [
                HAR.NameValue(name: "Set-Cookie", value: "lang=en-GB; Path=/; Max-Age=31536000")
            ]
        ),
    ]

    @Test("clean headers and cookies raise nothing", arguments: headerSets.map(\.0))
    func cleanHeaders(label: String) throws {
        let set = try #require(Self.headerSets.first { $0.0 == label })
        let findings = SecretAuditor().audit(
            AuditPlanting.clean(body: "{}", requestHeaders: set.1, responseHeaders: set.2), file: "clean.har")
        #expect(findings.isEmpty, "\(label): \(findings.map { "\($0.ruleID) \($0.location)" })")
    }

    @Test("a redacted value that still carries part of the secret is not a placeholder")
    func partialRedaction() {
        let tail = RandomSecret.alphanumeric(20)
        let log = AuditPlanting.clean(body: "{}", requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1\(tail)")])
        #expect(SecretAuditor().audit(log, file: "x.har").map(\.ruleID) == ["credential-header"])
    }

    @Test("the shipped Cassettes/ audit clean", arguments: ["atoms", "unleash", "wacht", "zitadel"])
    func shippedCassettes(provider: String) throws {
        let file = BuiltProducts.packageRoot().appendingPathComponent("Cassettes/\(provider)/me.har.gz")
        let findings = try SecretAuditor().audit(data: Data(contentsOf: file), path: file.path)
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID) \($0.location)" })")
    }
}
