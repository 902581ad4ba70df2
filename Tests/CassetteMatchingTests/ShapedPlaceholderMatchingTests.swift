import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Recorded shaped placeholders (`Bearer sk_REDACTED00000001`, a JWT signed `REDACTED` in a
/// cookie, `RDCT-0003`) stand for any value when replaying, and near-miss reports show them as
/// they are while hiding the request's fresh secrets.
@Suite("shaped placeholders when replaying: they match any value and near-miss reports show them")
struct ShapedPlaceholderMatchingTests {
    private static let atomsKey = Placeholder.make(1, shape: .token(prefix: "sk_", length: 16))
    private static let session = Placeholder.make(2, shape: .jwt)
    private static let backupCode = Placeholder.make(3, shape: .backupCode)

    private static func player() -> CassettePlayer {
        let recorded = RedactionFixtures.request(headers: [
            ("Authorization", "Bearer \(atomsKey)"), ("Cookie", "theme=dark; __session=\(session)"), ("X-Backup-Code", backupCode),
        ])
        let log = RedactionFixtures.log(recorded, RedactionFixtures.response(json: #"{"ok":true}"#))
        let matchers: [RequestMatcher] = [.method, .url, .headers(["Authorization", "Cookie", "X-Backup-Code"])]
        return CassettePlayer(log: log, options: CassettePlayer.Options(matchers: matchers, context: ReplayContext(cassetteName: "shaped")))
    }

    private static func incoming(path: String = "/me", key: String, session: String, code: String) -> HAR.Request {
        .incoming(
            method: "GET", url: "https://api.example.com" + path,
            headers: [
                HAR.NameValue(name: "Authorization", value: "Bearer \(key)"),
                HAR.NameValue(name: "Cookie", value: "theme=dark; __session=\(session)"),
                HAR.NameValue(name: "X-Backup-Code", value: code),
            ])
    }

    @Test("a request with fresh secrets in the placeholders' places is answered")
    func freshSecretsMatch() {
        let request = Self.incoming(key: RandomSecret.atomsKey(), session: RandomSecret.jwt(), code: RandomSecret.backupCode())
        guard case .answer = Self.player().peek(request) else {
            Issue.record("a fresh secret in a placeholder's place should be answered")
            return
        }
    }

    @Test("what is around a placeholder must still be equal")
    func surroundingsMustMatch() {
        var request = Self.incoming(key: RandomSecret.atomsKey(), session: RandomSecret.jwt(), code: RandomSecret.backupCode())
        request.headers = request.headers.map {
            $0.name == "Cookie" ? HAR.NameValue(name: "Cookie", value: "theme=light; __session=\(RandomSecret.jwt())") : $0
        }
        guard case .miss = Self.player().peek(request) else {
            Issue.record("a different cookie around the placeholder should miss")
            return
        }
    }

    @Test("a near-miss report shows the recorded shaped placeholder and hides the request's secrets")
    func nearMissReport() {
        let key = RandomSecret.atomsKey()
        let session = RandomSecret.jwt()
        let code = RandomSecret.backupCode()
        var request = Self.incoming(key: key, session: session, code: code)
        request.headers = request.headers.map {
            $0.name == "Cookie" ? HAR.NameValue(name: "Cookie", value: "theme=light; __session=\(session)") : $0
        }
        guard case .miss(let report) = Self.player().peek(request) else {
            Issue.record("expected a miss")
            return
        }
        let text = report.description
        // A JWT's header is its format, not its secret: the trace looked for is its signature.
        let signature = String(session.split(separator: ".").last ?? "")
        let leaked =
            SecretTraces.found(String(key.dropFirst(3)), in: text) || SecretTraces.found(signature, in: text) || text.contains(code)
        #expect(!leaked)
        #expect(text.contains("__session=" + Self.session), "the recorded placeholder is shown as it is")
    }
}
