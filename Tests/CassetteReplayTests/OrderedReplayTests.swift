import CassetteKit
import CassetteReplay
import CassetteTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Identical requests replay in recorded order")
struct OrderedReplayTests {
    static let url = "https://api.example.com/v1/me"

    static func getPatchGet() -> HAR.Log {
        ReplayFixtures.log([
            ReplayFixtures.entry("GET", url, body: #"{"name":"before"}"#),
            ReplayFixtures.entry("PATCH", url, body: #"{"name":"after"}"#, requestBody: #"{"name":"after"}"#),
            ReplayFixtures.entry("GET", url, body: #"{"name":"after"}"#),
        ])
    }

    @Test("GET, PATCH, GET returns the two different GETs; a third GET is a miss that says why")
    func getPatchGetReturnsBothGets() async throws {
        let replay = ReplaySession(log: Self.getPatchGet(), name: "order")
        defer { replay.finish() }
        let (first, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: Self.url))
        let (patched, _) = try await Fetch.async(
            replay.session,
            ReplayFixtures.request("PATCH", Self.url, headers: ["Content-Type": "application/json"], body: Data(#"{"name":"after"}"#.utf8)))
        let (second, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: Self.url))
        #expect(String(decoding: first, as: UTF8.self) == #"{"name":"before"}"#)
        #expect(String(decoding: patched, as: UTF8.self) == #"{"name":"after"}"#)
        #expect(String(decoding: second, as: UTF8.self) == #"{"name":"after"}"#)
        #expect(replay.unusedInteractions().isEmpty)

        do {
            _ = try await Fetch.async(replay.session, ReplayFixtures.request(url: Self.url))
            Issue.record("a third GET was answered without repeatLast")
        } catch {
            let report = try #require(error.cassetteNearMissReport)
            #expect(report.nearest.first?.alreadyUsed == true)
            #expect(report.description.contains("already used it"))
            #expect(report.description.contains("ReplayOptions(repeatLast: true)"))
        }
    }

    @Test("repeating the last answer is an opt-in")
    func repeatLastIsOptIn() async throws {
        let replay = ReplaySession(log: Self.getPatchGet(), name: "repeat", options: ReplayFixtures.options(repeatLast: true))
        defer { replay.finish() }
        var bodies: [String] = []
        for _ in 0..<4 {
            let (body, _) = try await Fetch.completion(replay.session, ReplayFixtures.request(url: Self.url))
            bodies.append(String(decoding: body, as: UTF8.self))
        }
        #expect(bodies == [#"{"name":"before"}"#, #"{"name":"after"}"#, #"{"name":"after"}"#, #"{"name":"after"}"#])
        #expect(replay.unusedInteractions().map(\.index) == [1], "the PATCH was never sent")
    }

    @Test("the player keeps order per request and peeking uses nothing up")
    func playerOrder() {
        let player = CassettePlayer(log: Self.getPatchGet(), options: .init(context: ReplayContext(cassetteName: "order")))
        let get = HAR.Request.incoming(method: "GET", url: Self.url)
        guard case .answer(let peeked) = player.peek(get) else {
            Issue.record(Comment(rawValue: "peek missed"))
            return
        }
        guard case .answer(let first) = player.answer(get), case .answer(let second) = player.answer(get) else {
            Issue.record(Comment(rawValue: "answer missed"))
            return
        }
        #expect(peeked.index == 0)
        #expect(first.index == 0)
        #expect(second.index == 2)
        #expect(player.unusedInteractions().map(\.index) == [1])
        #expect(player.unusedReport()?.contains("#1 PATCH https://api.example.com/v1/me -> 200") == true)
    }

    @Test("answers stay in recorded order with thousands of interactions")
    func manyIdenticalRequests() {
        let entries =
            (0..<3000).map { ReplayFixtures.entry("GET", "https://api.example.com/page", body: "\($0)") }
            + (0..<3000).map { ReplayFixtures.entry("GET", "https://api.example.com/item/\($0)", body: "item \($0)") }
        let player = CassettePlayer(log: ReplayFixtures.log(entries), options: .init(context: ReplayContext(cassetteName: "many")))
        for expected in 0..<3000 {
            guard case .answer(let playback) = player.answer(.incoming(method: "GET", url: "https://api.example.com/page")),
                playback.index == expected
            else {
                Issue.record(Comment(rawValue: "wrong answer at \(expected)"))
                return
            }
        }
        for item in stride(from: 2999, through: 0, by: -1) {
            guard case .answer(let playback) = player.answer(.incoming(method: "GET", url: "https://api.example.com/item/\(item)")),
                playback.index == 3000 + item
            else {
                Issue.record(Comment(rawValue: "wrong answer for item \(item)"))
                return
            }
        }
        #expect(player.unusedInteractions().isEmpty)
    }
}
