import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@testable import CassetteReplay

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Sessions on different cassettes run in parallel without crosstalk")
struct ParallelSessionsTests {
    @Test("200 concurrent requests over 20 sessions, each answered from its own cassette")
    func noCrosstalk() async throws {
        let sessions = (0..<20).map { number in
            // Every cassette answers the same URLs, with bodies naming the cassette.
            let entries = (0..<10).map { request in
                ReplayFixtures.entry(
                    "GET", "https://api.example.com/v1/item/\(request)", body: #"{"cassette":\#(number),"item":\#(request)}"#)
            }
            return ReplaySession(log: ReplayFixtures.log(entries), name: "parallel-\(number)")
        }
        defer { sessions.forEach { $0.finish() } }
        let results = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
            for (number, replay) in sessions.enumerated() {
                for request in 0..<10 {
                    let session = replay.session
                    group.addTask {
                        let urlRequest = ReplayFixtures.request(url: "https://api.example.com/v1/item/\(request)")
                        let (body, _) =
                            request.isMultiple(of: 2)
                            ? try await Fetch.async(session, urlRequest) : try await Fetch.completion(session, urlRequest)
                        return (number, request, String(decoding: body, as: UTF8.self))
                    }
                }
            }
            var all: [(Int, Int, String)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 200)
        for (number, request, body) in results {
            #expect(body == #"{"cassette":\#(number),"item":\#(request)}"#)
        }
        for replay in sessions {
            #expect(replay.unusedInteractions().isEmpty)
            #expect(replay.problems.isEmpty)
        }
    }

    @Test("each session has its own protocol class, and released classes are reused")
    func routesAreReused() throws {
        let table = RouteTable()
        let handler = ReplayHandler(
            player: CassettePlayer(log: HAR.Log(), options: .init(context: ReplayContext(cassetteName: "x"))),
            behaviour: .replayOnly, recorder: nil, latency: .none)
        let first = (0..<5).map { _ in table.lease(handler) }
        #expect(Set(first.map(\.route.id)).count == 5)
        #expect(table.classCount == 5)
        first.forEach { table.release($0) }
        let second = (0..<5).map { _ in table.lease(handler) }
        #expect(table.classCount == 5, "released classes are leased again instead of nesting deeper")
        #expect(Set(second.map(\.route.id)) == Set(first.map(\.route.id)))
        // A stale lease (released, its class now someone else's) releases nothing.
        table.release(first[0])
        #expect(table.leasedCount == 5)
        second.forEach { table.release($0) }
        #expect(table.leasedCount == 0)
        // A class whose configuration was handed out is retired, never leased again.
        let exported = table.lease(handler)
        table.release(exported, reusable: false)
        let next = table.lease(handler)
        #expect(next.route.id != exported.route.id)
        #expect(table.classCount == 5, "the four other released classes are still reused")
    }

    @Test("a finished session's class, leased again, serves the new session only")
    func reusedClassServesTheNewSession() async throws {
        let old = ReplaySession(log: ReplayFixtures.log([ReplayFixtures.entry("GET", "https://a.example/x", body: "old")]), name: "old")
        old.finish()
        let replays = (0..<3).map { number in
            ReplaySession(log: ReplayFixtures.log([ReplayFixtures.entry("GET", "https://a.example/x", body: "new \(number)")]), name: "new")
        }
        defer { replays.forEach { $0.finish() } }
        for (number, replay) in replays.enumerated() {
            let (body, _) = try await Fetch.async(replay.session, ReplayFixtures.request(url: "https://a.example/x"))
            #expect(String(decoding: body, as: UTF8.self) == "new \(number)")
        }
    }
}
