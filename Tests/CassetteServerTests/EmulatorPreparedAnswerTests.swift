import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Synchronization
import Testing

/// Counts how often an emulation's `answer` half runs (one per test, never shared).
private final class AnswerCount: Sendable {
    let value = Mutex(0)
}

@Suite("the emulator renders each credential's answer once")
struct EmulatorPreparedAnswerTests {
    @Test("an emulation in two halves: one answer per credential at start, whatever the number of requests")
    func answersRenderedOnce() async throws {
        let count = AnswerCount()
        let whoami = Emulation(
            provider: "whoami", path: "/v2/whoami", publicBaseURL: URL(string: "https://whoami.example.com"),
            makeCredentials: {
                [
                    EmulatorCredential(value: "wk_" + RandomSecret.alphanumeric(32), kind: "API key"),
                    EmulatorCredential(value: "wk_" + RandomSecret.alphanumeric(32), kind: "second API key"),
                ]
            },
            check: { request, accepted, _ in
                guard let index = accepted.firstIndex(of: request.headers.value(named: "X-Api-Key") ?? "") else {
                    return .refused(.json(403, ["error": "forbidden"]))
                }
                return .accepted(index: index)
            },
            answer: { credential, seed in
                count.value.withLock { $0 += 1 }
                return .json(200, ["seed": .string(String(seed)), "second": .bool(credential.hasSuffix("x"))])
            })
        let emulator = try await EmulatorServer.start(emulations: [whoami], seed: 7)
        let keys = emulator.credentials(for: "whoami").map(\.value)
        #expect(count.value.withLock { $0 } == 2)
        var bodies: Set<[UInt8]> = []
        for round in 0..<20 {
            let answer = RawHTTPConnection.get("/v2/whoami", port: Int(emulator.port), headers: ["X-Api-Key": keys[round % 2]])
            #expect(answer?.status == 200)
            bodies.insert(answer?.body ?? [])
        }
        #expect(bodies.count <= 2)
        #expect(RawHTTPConnection.get("/v2/whoami", port: Int(emulator.port), headers: ["X-Api-Key": "wk_wrong"])?.status == 403)
        #expect(count.value.withLock { $0 } == 2, "requests must not render the answer again")
        await emulator.stop()
    }

    @Test("a check naming no accepted credential gets a 500, not a crash")
    func outOfRangeCheck() async throws {
        let broken = Emulation(
            provider: "broken", path: "/me", publicBaseURL: nil,
            makeCredentials: { [EmulatorCredential(value: RandomSecret.alphanumeric(24), kind: "key")] },
            check: { _, _, _ in .accepted(index: 5) },
            answer: { _, _ in .json(200, ["ok": true]) })
        let emulator = try await EmulatorServer.start(emulations: [broken])
        #expect(RawHTTPConnection.get("/me", port: Int(emulator.port))?.status == 500)
        await emulator.stop()
    }

    @Test(
        "the built-in services' prepared answers are byte for byte what respond makes, for every credential",
        arguments: Emulation.builtIn.map(\.provider))
    func builtInAnswersEqualRespond(provider: String) async throws {
        let emulation = try #require(Emulation.builtIn.first { $0.provider == provider })
        let seed: UInt64 = 20_240_102 &+ UInt64(provider.utf8.count)
        let emulator = try await EmulatorServer.start(providers: [provider], seed: seed)
        let accepted = emulator.credentials(for: provider).map(\.value)
        #expect(!accepted.isEmpty)
        for credential in accepted {
            let header = Self.placement(provider, credential)
            let expected = emulation.respond(
                ServerRequest(
                    method: emulation.method, path: emulation.path, headers: [HAR.NameValue(name: header.name, value: header.value)]),
                accepted, seed)
            let answer = try #require(RawHTTPConnection.get(emulation.path, port: Int(emulator.port), headers: [header.name: header.value]))
            #expect(answer.status == 200)
            #expect(answer.status == expected.status)
            #expect(answer.body == Array(expected.body), "the prepared answer differs from respond's")
        }
        await emulator.stop()
    }

    /// Where each built-in service expects its credential.
    private static func placement(_ provider: String, _ credential: String) -> (name: String, value: String) {
        switch provider {
        case "unleash": ("Authorization", credential)
        case "wacht": ("Cookie", "__session=\(credential)")
        default: ("Authorization", "Bearer \(credential)")
        }
    }
}
