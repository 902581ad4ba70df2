import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// A player keeps recently redacted requests (`cassette serve` under a polling client or a load
/// test sees the same request again and again): a repeated request must still get the recorded
/// answers in order, and requests too large to keep must still be answered.
@Suite("Repeated requests: the same answers as the first time")
struct RepeatedRequestTests {
    @Test("a repeated request carrying a fresh secret replays in recorded order, then repeats the last")
    func repeatedWithSecret() {
        let secret = RandomSecret.hex(24)
        let player = CassettePlayer(
            log: ReplayFixtures.log([
                ReplayFixtures.entry(
                    "GET", "https://api.example.com/me", body: "first",
                    requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")]),
                ReplayFixtures.entry(
                    "GET", "https://api.example.com/me", body: "second",
                    requestHeaders: [HAR.NameValue(name: "Authorization", value: "Bearer REDACTED_1")]),
            ]),
            options: .init(repeatLast: true, context: ReplayContext(cassetteName: "r")))
        let request = HAR.Request.incoming(
            method: "GET", url: "https://api.example.com/me", headers: [HAR.NameValue(name: "Authorization", value: "Bearer \(secret)")])
        let answers: [Int?] = (0..<4).map { _ in
            if case .answer(let playback) = player.answer(request) { return playback.index }
            return nil
        }
        #expect(answers == [0, 1, 1, 1])
    }

    @Test("a request too large to keep (a 64 KB body) is still matched, every time")
    func largeRequest() {
        let body = String(repeating: "a", count: 64 * 1024)
        let player = CassettePlayer(
            log: ReplayFixtures.log([
                ReplayFixtures.entry("POST", "https://api.example.com/upload", body: "ok", requestBody: body, requestMimeType: "text/plain")
            ]),
            options: .init(repeatLast: true, context: ReplayContext(cassetteName: "l")))
        let request = HAR.Request.incoming(
            method: "POST", url: "https://api.example.com/upload", headers: [HAR.NameValue(name: "Content-Type", value: "text/plain")],
            body: Data(body.utf8))
        for _ in 0..<2 {
            guard case .answer(let playback) = player.answer(request) else {
                Issue.record("not answered")
                return
            }
            #expect(playback.index == 0)
        }
    }

    @Test("many distinct requests (more than are kept) each get their own answer")
    func manyDistinct() {
        let count = 600
        let player = CassettePlayer(
            log: ReplayFixtures.log((0..<count).map { ReplayFixtures.entry("GET", "https://api.example.com/items/\($0)", body: "\($0)") }),
            options: .init(context: ReplayContext(cassetteName: "m")))
        var answered = 0
        for round in 0..<2 {
            for item in 0..<count {
                let outcome = player.peek(.incoming(method: "GET", url: "https://api.example.com/items/\(item)"))
                if case .answer(let playback) = outcome, playback.index == item {
                    answered += 1
                } else {
                    Issue.record("item \(item), round \(round)")
                }
            }
        }
        #expect(answered == 2 * count)
    }
}
