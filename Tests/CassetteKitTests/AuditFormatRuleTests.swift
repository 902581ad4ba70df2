import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Secrets recognised by their own format, planted fresh in every place and encoding.
@Suite("audit: format rules find planted secrets everywhere")
struct AuditFormatRuleTests {
    /// Each format rule with a generator of fresh values.
    static let formats: [(rule: String, make: @Sendable () -> PlantedSecret)] = [
        (
            "jwt",
            {
                let v = RandomSecret.jwt()
                return PlantedSecret(label: "ES256 JWT", key: "note", value: v, secret: v)
            }
        ),
        (
            "jwt",
            {
                let v = RandomSecret.jwt(algorithm: "HS256")
                return PlantedSecret(label: "HS256 JWT", key: "note", value: v, secret: v)
            }
        ),
        (
            "otpauth-secret",
            {
                let (url, seed) = RandomSecret.otpauthURL()
                return PlantedSecret(label: "otpauth URL", key: "note", value: url, secret: seed)
            }
        ),
        (
            "atoms-key",
            {
                let v = RandomSecret.atomsKey()
                return PlantedSecret(label: "Atoms sk_ key", key: "note", value: v, secret: v)
            }
        ),
        (
            "atoms-key",
            {
                let v = "wct_" + UUID().uuidString.lowercased()
                return PlantedSecret(label: "Atoms wct_ token", key: "note", value: v, secret: v)
            }
        ),
        (
            "unleash-token",
            {
                let v = RandomSecret.unleashPAT()
                return PlantedSecret(label: "Unleash PAT", key: "note", value: v, secret: v)
            }
        ),
        (
            "unleash-token",
            {
                let v = RandomSecret.unleashAdminToken()
                return PlantedSecret(label: "Unleash admin token", key: "note", value: v, secret: v)
            }
        ),
        (
            "unleash-token",
            {
                let v = RandomSecret.unleashClientToken()
                return PlantedSecret(label: "Unleash client token", key: "note", value: v, secret: v)
            }
        ),
        (
            "unleash-token",
            {
                let v = "user:v2_" + RandomSecret.base64url(22) + "_" + RandomSecret.base64url(43)
                return PlantedSecret(label: "Unleash v2 token", key: "note", value: v, secret: v)
            }
        ),
        (
            "github-token",
            {
                let v = "ghp_" + RandomSecret.alphanumeric(36)
                return PlantedSecret(label: "GitHub PAT", key: "note", value: v, secret: v)
            }
        ),
        (
            "github-token",
            {
                let v = "github_pat_" + RandomSecret.alphanumeric(22) + "_" + RandomSecret.alphanumeric(59)
                return PlantedSecret(label: "GitHub fine-grained PAT", key: "note", value: v, secret: v)
            }
        ),
        (
            "aws-access-key",
            {
                let v = "AKIA" + AuditPlanting.awsTail()
                return PlantedSecret(label: "AWS key id", key: "note", value: v, secret: v)
            }
        ),
        (
            "slack-token",
            {
                let v = "xoxb-" + RandomSecret.hex(12) + "-" + RandomSecret.hex(12) + "-" + RandomSecret.alphanumeric(24)
                return PlantedSecret(label: "Slack bot token", key: "note", value: v, secret: v)
            }
        ),
        (
            "stripe-live-key",
            {
                let v = "sk_live_" + RandomSecret.alphanumeric(24)
                return PlantedSecret(label: "Stripe live key", key: "note", value: v, secret: v)
            }
        ),
        (
            "private-key-pem",
            {
                let v = AuditPlanting.pemKey()
                return PlantedSecret(label: "PEM private key", key: "note", value: v, secret: v)
            }
        ),
    ]

    static var cases: [(String, Int, AuditPlace)] {
        formats.indices.flatMap { index in AuditPlace.allCases.map { (formats[index].rule, index, $0) } }
    }

    @Test("a planted format secret is found with its rule, and the report never holds it", arguments: cases)
    func found(rule: String, index: Int, place: AuditPlace) throws {
        let planted = Self.formats[index].make()
        let log = AuditPlanting.log(key: planted.key, value: planted.value, at: place)
        let findings = SecretAuditor().audit(log, file: "planted.har.gz")
        #expect(findings.contains { $0.ruleID == rule }, "\(planted.label) at \(place): \(findings.map { "\($0.ruleID) \($0.location)" })")
        for finding in findings {
            #expect(!finding.preview.contains(planted.secret), "preview must mask the secret")
            #expect(!finding.location.contains(planted.secret))
            #expect(finding.entry == 0)
            #expect(finding.file == "planted.har.gz")
        }
    }

    @Test("locations name the header, cookie, query parameter or JSON pointer")
    func locations() {
        let token = "ghp_" + RandomSecret.alphanumeric(36)
        let expectations: [(AuditPlace, String)] = [
            (.header, "request header note"), (.cookie, "request header Cookie (note)"),
            (.setCookie, "response header Set-Cookie (note)"), (.query, "request query note"),
            (.jsonBody, "response body /data/note"), (.base64Body, "response body /data/note"),
            (.jsonInString, "response body /data/settings > /note"), (.percentEncoded, "response body /next"),
        ]
        for (place, location) in expectations {
            let findings = SecretAuditor().audit(AuditPlanting.log(key: "note", value: token, at: place), file: "x.har")
            #expect(findings.map(\.location) == [location], "\(place)")
        }
    }

    @Test("a JWT inside a URL path, free text and a Bearer header is found once per interaction")
    func jwtInText() {
        let token = RandomSecret.jwt()
        let log = AuditPlanting.clean(
            body: JSONSerializer.string(["message": .string("use token \(token). thanks"), "again": .string(token)]),
            requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer \(token)")])
        let findings = SecretAuditor().audit(log, file: "x.har")
        #expect(findings.count == 1)
        #expect(findings.first?.ruleID == "jwt")
        #expect(findings.first?.location == "request header Authorization")
    }

    @Test("a token inside a binary (base64) body is found in its printable runs")
    func binaryBody() {
        let token = "ghp_" + RandomSecret.alphanumeric(36)
        var bytes: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]
        bytes += Array("tEXtComment\u{0}\(token)".utf8) + [0x00, 0xfe, 0x80]
        var log = AuditPlanting.clean(body: "{}")
        log.entries[0].response.content = HAR.Content(body: Data(bytes), mimeType: "image/png")
        #expect(log.entries[0].response.content.encoding == "base64")
        let findings = SecretAuditor().audit(log, file: "x.har")
        #expect(findings.map(\.ruleID) == ["github-token"])
        #expect(findings.map(\.location) == ["response body"])
    }
}
