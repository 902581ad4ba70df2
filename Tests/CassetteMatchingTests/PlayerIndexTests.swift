import CassetteKit
import CassetteTestSupport
import Foundation
import Synchronization
import Testing

/// Counts how often a matcher is consulted, and how.
private final class Calls: Sendable {
    private let counts = Mutex((checks: 0, explanations: 0))
    var checks: Int { counts.withLock { $0.checks } }
    var explanations: Int { counts.withLock { $0.explanations } }

    var matcher: RequestMatcher {
        RequestMatcher(
            name: "counting",
            matches: { [self] _, _ in
                counts.withLock { $0.checks += 1 }
                return true
            },
            explain: { [self] _, _ in
                counts.withLock { $0.explanations += 1 }
                return .match("counted")
            })
    }
}

@Suite("A hit compares the request with its own group only and builds no explanation")
struct PlayerIndexTests {
    @Test("with 10,000 interactions a hit consults a matcher once, a miss explains every interaction", arguments: [10, 10_000])
    func hitCostDoesNotGrow(count: Int) {
        let calls = Calls()
        let entries = (0..<count).map { ReplayFixtures.entry("GET", "https://api.example.com/items/\($0)", body: "\($0)") }
        let player = CassettePlayer(
            log: ReplayFixtures.log(entries),
            options: .init(matchers: [.method, .url, calls.matcher], context: ReplayContext(cassetteName: "n")))
        guard case .answer(let playback) = player.answer(.incoming(method: "GET", url: "https://api.example.com/items/\(count - 1)")) else {
            Issue.record("no answer")
            return
        }
        #expect(playback.index == count - 1)
        #expect(calls.checks == 1, "only the interaction with the same method, host and path is checked")
        #expect(calls.explanations == 0, "no text is built for a hit")

        guard case .miss(let report) = player.answer(.incoming(method: "GET", url: "https://api.example.com/other")) else {
            Issue.record("answered")
            return
        }
        #expect(report.nearest.count == min(3, count))
        #expect(calls.explanations == count, "a miss explains every interaction to rank the nearest")
    }

    @Test("interactions whose recorded path holds a placeholder are candidates for every request")
    func placeholderPaths() {
        let player = CassettePlayer(
            log: ReplayFixtures.log([
                ReplayFixtures.entry("GET", "https://api.example.com/users/REDACTED_1/keys", body: "keys"),
                ReplayFixtures.entry("GET", "https://api.example.com/users/me", body: "me"),
            ]),
            options: .init(context: ReplayContext(cassetteName: "p")))
        guard
            case .answer(let keys) = player.answer(
                .incoming(method: "GET", url: "https://api.example.com/users/\(RandomSecret.hex(12))/keys")),
            case .answer(let me) = player.answer(.incoming(method: "GET", url: "https://api.example.com/users/me"))
        else {
            Issue.record("no answer")
            return
        }
        #expect(keys.index == 0)
        #expect(me.index == 1)
    }

    @Test("same path, 10,000 queries: a hit consults the matcher once, in any parameter order", arguments: [10, 10_000])
    func queryGroups(count: Int) {
        let calls = Calls()
        let entries = (0..<count).map { ReplayFixtures.entry("GET", "https://api.example.com/v1/me?n=\($0)&lang=en", body: "\($0)") }
        let player = CassettePlayer(
            log: ReplayFixtures.log(entries),
            options: .init(matchers: [.method, .path, .query, calls.matcher], context: ReplayContext(cassetteName: "q")))
        guard
            case .answer(let playback) = player.answer(
                .incoming(method: "GET", url: "https://api.example.com/v1/me?lang=en&n=\(count / 2)"))
        else {
            Issue.record("no answer")
            return
        }
        #expect(playback.index == count / 2)
        #expect(calls.checks == 1, "only the interaction with the same query is checked")
    }

    @Test("recorded query placeholders still match any value, and repeated requests replay in recorded order")
    func queryPlaceholdersAndOrder() {
        let player = CassettePlayer(
            log: ReplayFixtures.log([
                ReplayFixtures.entry("GET", "https://api.example.com/new-user?token=REDACTED_1", body: "invite"),
                ReplayFixtures.entry("GET", "https://api.example.com/me?a=1&b=2", body: "first"),
                ReplayFixtures.entry("GET", "https://api.example.com/me?b=2&a=1", body: "second"),
            ]),
            options: .init(context: ReplayContext(cassetteName: "o")))
        let token = RandomSecret.hex(16)
        guard case .answer(let invite) = player.answer(.incoming(method: "GET", url: "https://api.example.com/new-user?token=\(token)")),
            case .answer(let first) = player.answer(.incoming(method: "GET", url: "https://api.example.com/me?a=1&b=2")),
            case .answer(let second) = player.answer(.incoming(method: "GET", url: "https://api.example.com/me?a=1&b=2"))
        else {
            Issue.record("no answer")
            return
        }
        let order: [Int] = [invite.index, first.index, second.index]
        #expect(order == [0, 1, 2])
        guard case .miss = player.answer(.incoming(method: "GET", url: "https://api.example.com/me?a=1&b=3")) else {
            Issue.record("a different query value answered")
            return
        }
    }

    @Test("custom matchers alone (no index) still find the answer in order")
    func unindexed() {
        let any = RequestMatcher.custom("any") { _, _ in true }
        let player = CassettePlayer(
            log: ReplayFixtures.log([
                ReplayFixtures.entry("GET", "https://a.example/1"), ReplayFixtures.entry("POST", "https://b.example/2"),
            ]),
            options: .init(matchers: [any], context: ReplayContext(cassetteName: "u")))
        let indices = (0..<2).compactMap { _ -> Int? in
            if case .answer(let playback) = player.answer(.incoming(method: "DELETE", url: "https://c.example/")) { return playback.index }
            return nil
        }
        #expect(indices == [0, 1])
    }
}
