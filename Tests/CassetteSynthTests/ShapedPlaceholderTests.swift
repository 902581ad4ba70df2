import CassetteKit
import CassetteSynth
import CassetteTestSupport
import Foundation
import Testing

/// A placeholder keeps the wire format of the secret it replaces, reveals nothing of it, is
/// recognised as a placeholder by the matcher, the display path and the audit, while a real value
/// of the same shape is still a finding. Each format is tried with fresh random secrets.
@Suite("shaped placeholders: the wire format kept, nothing of the secret revealed")
struct ShapedPlaceholderTests {
    @Test(
        "each format's placeholder has the wire shape, comes from its number only, and stands for any value",
        arguments: ShapedFormat.all.indices)
    func placeholderProperties(format index: Int) throws {
        let format = ShapedFormat.all[index]
        let validator = try format.validator()
        let other = format.secret()
        let otherPlaceholder = try format.placeholder(redacting: other)
        // Fresh secrets; one that shares a 4-character run with the placeholder by chance
        // (`0000` in random hexadecimal) is drawn again: such a run comes from the form, not the secret.
        var secret = format.secret()
        while Self.sharedRun(format.secretPart(secret), otherPlaceholder) { secret = format.secret() }
        let placeholder = try format.placeholder(redacting: secret)

        // Every check on a secret is a Bool first, so a failing expectation never prints it.
        let sharesRun = Self.sharedRun(format.secretPart(secret), placeholder)
        let secretIsPlaceholder = Placeholder.isPlaceholder(secret)
        #expect(placeholder == otherPlaceholder, "\(format.name): two secrets with the same number get the same placeholder")
        #expect(!sharesRun, "\(format.name): no 4-character run of the secret")
        #expect(validator.isValid(.string(format.wireValue(placeholder))), "\(format.name): the schema's wire pattern")
        #expect(Placeholder.isPlaceholder(placeholder), "\(format.name): recognised as a placeholder")
        #expect(!secretIsPlaceholder, "\(format.name): a real value is not")

        // Equal secrets, equal placeholders (the secret twice in one cassette).
        let twice = try format.redact([secret, secret, other])
        #expect(twice[0] == twice[1] && twice[0] != twice[2], "\(format.name): equal secrets share one number")

        // The matcher lets it stand for any value, alone and inside a credential header.
        let fresh = format.secret()
        let alone = PlaceholderEquality.matches(recorded: placeholder, incoming: fresh)
        let inHeader = PlaceholderEquality.matches(recorded: "Bearer " + placeholder, incoming: "Bearer " + fresh)
        let otherScheme = PlaceholderEquality.matches(recorded: "Bearer " + placeholder, incoming: "Basic " + fresh)
        #expect(alone && inHeader, "\(format.name): stands for any value")
        #expect(!otherScheme, "\(format.name): only in the same place")
        #expect(PlaceholderEquality.equal(placeholder, Placeholder.make(7)), "\(format.name): equal to any other placeholder")

        // The display path (near-miss reports) shows it as it is.
        #expect(SafeDisplay.value(placeholder).contains(placeholder), "\(format.name): shown as it is")
    }

    @Test(
        "the audit passes each placeholder and flags a real random value of the same shape in the same place",
        arguments: ShapedFormat.all.indices)
    func auditRecognition(format index: Int) throws {
        let format = ShapedFormat.all[index]
        let secret = format.secret()
        let redacted = try Redaction.sanitize(format.log(secret), policy: RedactionPolicy())
        #expect(SecretAuditor().audit(redacted, file: "shaped.har").isEmpty, "\(format.name): the placeholder is no finding")
        // Redacting the redacted cassette again changes nothing (the placeholder is not taken for a secret).
        let again = try Redaction.sanitize(redacted, policy: RedactionPolicy())
        let unchanged = again.entries.map(\.response.content.text) == redacted.entries.map(\.response.content.text)
        #expect(unchanged, "\(format.name): redacting again changes nothing")
        // A real value of the same shape, written where the placeholder is: a finding.
        let real = format.log(format.secret())
        #expect(!SecretAuditor().audit(real, file: "real.har").isEmpty, "\(format.name): a real value is a finding")
        // The very placeholder text, put back unredacted: still no finding.
        let placeholder = try format.placeholder(redacting: secret)
        #expect(SecretAuditor().audit(format.log(placeholder), file: "again.har").isEmpty, "\(format.name): placeholder in place")
    }

    @Test("old cassettes' REDACTED_<n> placeholders keep working")
    func plainPlaceholdersStillWork() {
        for old in ["REDACTED_1", "REDACTED_42", "REDACTED"] {
            #expect(Placeholder.isPlaceholder(old))
            #expect(PlaceholderEquality.matches(recorded: "Bearer \(old)", incoming: "Bearer " + RandomSecret.atomsKey()))
        }
        #expect(PlaceholderEquality.matches(recorded: "s:REDACTED_1.REDACTED_2", incoming: "s:abc.def"))
        #expect(SecretAuditor().audit(ShapedFormat.all[0].log("REDACTED_3"), file: "old.har").isEmpty)
    }

    @Test("recognition is exact: near-misses of each form are not placeholders")
    func nearMissesAreNotPlaceholders() {
        let nearMisses = [
            "RDCT-0000", "RDCT-00031", "xRDCT-0003", "REDACTEDAAAAAAAAAAAAAAAAAAAAAAAA", "REDACTEDBAAAAAAAAAAAAAAAAAAAAAAB",
            "sk_REDACTED0000000", "sk_REDACTED00000003x", "user:" + String(repeating: "0", count: 56),
            "user:" + String(repeating: "0", count: 40) + "1" + String(repeating: "0", count: 15),
            Placeholder.make(3, shape: .jwt).replacingOccurrences(of: ".REDACTED", with: ".REDACTEX"),
            Placeholder.make(3, shape: .jwt).replacingOccurrences(of: "eyJhbGciOiJub25l", with: "eyJhbGciOiJFUzI1"),
            // Segments of different numbers, a UUID body without its prefix or with a digit off,
            // a webhook path with another team or id, a JWE with a key or another header.
            "SG.REDACTED00000000000003.REDACTED00000000000000000000000000000000004",
            "user:v2_REDACTED00000000000003_REDACTED000000000000000000000000000000000003x",
            "00000000-0000-0000-0000-000000000003", "wct_00000000-0000-0000-0000-000000000000",
            "wct_00000000-0000-0000-0000-100000000003",
            Placeholder.make(3, shape: .slackWebhook).replacingOccurrences(of: "TREDACTED/", with: "T0123ABCD/"),
            Placeholder.make(3, shape: .discordWebhook).replacingOccurrences(of: "100000000000000000/", with: "112233445566778899/"),
            Placeholder.make(3, shape: .jwe).replacingOccurrences(of: "..", with: ".a2V5."),
            Placeholder.make(3, shape: .jwe).replacingOccurrences(of: "OiJkaXIi", with: "OiJSU0Ei"),
        ]
        for text in nearMisses { #expect(!Placeholder.isPlaceholder(text), "\(text)") }
        for n in [1, 9, 31, 32, 999, 9_999] {
            for shape: Placeholder.Shape in [
                .backupCode, .base32, .jwt, .jwe, .token(prefix: "ghp_", length: 36), .hex(prefix: "SK", length: 32),
                .segmented(prefix: "SG.", lengths: [22, 43], separator: "."),
                .segmented(prefix: "user:v2_", lengths: [22, 43], separator: "_"), .uuid(prefix: "wct_"), .slackWebhook,
                .discordWebhook,
            ] {
                let text = Placeholder.make(n, shape: shape)
                #expect(Placeholder.isPlaceholder(text), "\(text)")
                #expect(Placeholder.spans(in: "x \(text) y").map(\.number) == [n], "\(text)")
            }
        }
    }

    @Test("hostile input: long runs of the forms' pieces are read in one pass and yield only exact placeholders")
    func hostileRuns() {
        let pieces = [
            "REDACTED00000003_", "REDACTED00000003.", "SG.", ".REDACTED", "TREDACTED/BREDACTED/", "100000000000000000/",
            "wct_00000000-0000-0000-0000-0000", Placeholder.make(3, shape: .jwe) + ".",
        ]
        for piece in pieces {
            let text = String(repeating: piece, count: 200_000 / piece.utf8.count)
            // Every span found is a whole placeholder on its own; nothing hangs.
            let spans = Placeholder.spans(in: text)
            let bytes = Array(text.utf8)
            let exact = spans.allSatisfy { Placeholder.isPlaceholder(String(decoding: bytes[$0.range], as: UTF8.self)) }
            #expect(exact, "\(piece)")
        }
        // One very long number after the marker is no placeholder (more than 9 significant digits).
        #expect(!Placeholder.isPlaceholder("sk_REDACTED" + String(repeating: "9", count: 100_000)))
        #expect(Placeholder.isPlaceholder("sk_REDACTED" + String(repeating: "0", count: 100_000) + "3"))
    }

    /// Whether `placeholder` contains any 4-character run of `secret`.
    static func sharedRun(_ secret: String, _ placeholder: String) -> Bool {
        let characters = Array(secret)
        guard characters.count >= 4 else { return placeholder.contains(secret) }
        return (0...(characters.count - 4)).contains { placeholder.contains(String(characters[$0..<($0 + 4)])) }
    }
}
