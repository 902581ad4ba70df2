#if AsyncHTTPClient
    import NIOHTTP1
    import AsyncHTTPClient
    import CassetteAsyncHTTPClient
    import CassetteKit
    import CassetteReplay
    import CassetteTestSupport
    import Foundation
    import NIOCore
    import Testing

    #if canImport(FoundationNetworking)
        import FoundationNetworking
    #endif

    @Suite("CassetteAsyncHTTPClient: the URL protocol's engine (misses, order, concurrency, bodies)")
    struct SameEngineTests {
        static func text(_ response: HTTPClientResponse) async throws -> String {
            String(buffer: try await response.body.collect(upTo: 1 << 20))
        }

        @Test("a miss fails with the URL protocol's near-miss report, the secret it carried not in it")
        func missReportIsTheURLProtocols() async throws {
            let secret = RandomSecret.base64url(64)
            let url = "https://acme.zitadel.cloud/auth/v1/users/me/email?token=\(secret)"

            let client = try ShippedCassette.zitadel.replayingHTTPClient()
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Authorization", value: "Bearer \(secret)")
            var fromClient: NearMissReport?
            do {
                _ = try await client.execute(request, timeout: .seconds(5))
                Issue.record("a request the cassette does not hold was answered")
            } catch {
                fromClient = error.cassetteNearMissReport
            }
            #expect(client.problems.count == 1)
            client.finish()

            let replay = try ShippedCassette.zitadel.replaySession()
            var urlRequest = URLRequest(url: try #require(URL(string: url)))
            urlRequest.setValue("Bearer \(secret)", forHTTPHeaderField: "Authorization")
            var fromProtocol: NearMissReport?
            do {
                _ = try await replay.session.data(for: urlRequest)
            } catch {
                fromProtocol = error.cassetteNearMissReport
            }
            replay.finish()

            let clientReport = try #require(fromClient).description
            let protocolReport = try #require(fromProtocol).description
            #expect(clientReport == protocolReport)
            #expect(clientReport.contains("/auth/v1/users/me"))
            #expect(!clientReport.contains(secret), "the near-miss report showed the secret")
        }

        @Test("120 concurrent requests from 120 tasks on one client each get their own answer")
        func concurrentRequests() async throws {
            let count = 120
            let entries = (0..<count).map { Interactions.entry("GET", "https://api.example.com/items/\($0)", answer: #"{"item":\#($0)}"#) }
            let client = ReplayingHTTPClient(log: Interactions.log(entries), name: "items")
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in (0..<count).shuffled() {
                    group.addTask {
                        let response = try await client.execute(
                            HTTPClientRequest(url: "https://api.example.com/items/\(index)"), timeout: .seconds(30))
                        return (index, try await Self.text(response))
                    }
                }
                var answers: [Int: String] = [:]
                for try await (index, text) in group { answers[index] = text }
                return answers
            }
            #expect(answers.count == count)
            for index in 0..<count {
                #expect(answers[index] == #"{"item":\#(index)}"#)
            }
            let summary = client.finish()
            #expect(summary.problems.isEmpty)
            #expect(summary.unusedInteractions.isEmpty)
        }

        @Test("100 identical concurrent requests use up 100 recorded answers, each exactly once")
        func concurrentIdenticalRequests() async throws {
            let count = 100
            let entries = (0..<count).map { Interactions.entry("GET", "https://api.example.com/me", answer: #"{"n":\#($0)}"#) }
            let client = ReplayingHTTPClient(log: Interactions.log(entries), name: "me")
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<count {
                    group.addTask {
                        try await Self.text(client.execute(HTTPClientRequest(url: "https://api.example.com/me"), timeout: .seconds(30)))
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(answers) == Set((0..<count).map { #"{"n":\#($0)}"# }))
            #expect(client.finish().unusedInteractions.isEmpty)
        }

        @Test("ordered replay: GET, PATCH, GET gets the two recorded GETs in order, then a miss")
        func orderedReplay() async throws {
            let client = ReplayingHTTPClient(
                log: Interactions.log([
                    Interactions.entry("GET", "https://api.example.com/me", answer: #"{"name":"Ada"}"#),
                    Interactions.entry(
                        "PATCH", "https://api.example.com/me", requestBody: #"{"name":"Grace"}"#, answer: #"{"name":"Grace"}"#),
                    Interactions.entry("GET", "https://api.example.com/me", answer: #"{"name":"Grace"}"#),
                ]), name: "me")
            defer { client.finish() }
            let first = try await Self.text(client.execute(HTTPClientRequest(url: "https://api.example.com/me"), timeout: .seconds(5)))
            var patch = HTTPClientRequest(url: "https://api.example.com/me")
            patch.method = .PATCH
            patch.body = .bytes(ByteBuffer(string: #"{"name":"Grace"}"#))
            _ = try await client.execute(patch, timeout: .seconds(5))
            let second = try await Self.text(client.execute(HTTPClientRequest(url: "https://api.example.com/me"), timeout: .seconds(5)))
            #expect(first == #"{"name":"Ada"}"#)
            #expect(second == #"{"name":"Grace"}"#)
            await #expect(throws: URLError.self) {
                _ = try await client.execute(HTTPClientRequest(url: "https://api.example.com/me"), timeout: .seconds(5))
            }
        }

        @Test("a streamed request body is collected and matched; one past the limit fails saying so")
        func streamedBodies() async throws {
            let body = #"{"query":"\#(String(repeating: "x", count: 5000))"}"#
            let log = Interactions.log([
                Interactions.entry("POST", "https://api.example.com/search", requestBody: body, answer: #"{"hits":1}"#)
            ])
            var options = ReplayOptions()
            options.matchers = [.method, .url, .jsonBody]
            let client = ReplayingHTTPClient(log: log, name: "search", options: options)
            defer { client.finish() }
            let chunks = Array(body.utf8).chunked(by: 1000).map { ByteBuffer(bytes: $0) }
            var request = HTTPClientRequest(url: "https://api.example.com/search")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .stream(
                AsyncStream { continuation in
                    for chunk in chunks { continuation.yield(chunk) }
                    continuation.finish()
                }, length: .unknown)
            #expect(try await Self.text(client.execute(request, timeout: .seconds(5))) == #"{"hits":1}"#)

            let small = ReplayingHTTPClient(replay: ReplaySession(log: log, name: "search", options: options), maxRequestBodyBytes: 1024)
            defer { small.finish() }
            request.body = .bytes(ByteBuffer(string: body))
            do {
                _ = try await small.execute(request, timeout: .seconds(5))
                Issue.record("a body past the limit was accepted")
            } catch let error as URLError {
                #expect(error.localizedDescription.contains("larger than 1024 bytes"))
            }
        }
    }

    extension Array {
        /// Consecutive slices of at most `size` elements.
        fileprivate func chunked(by size: Int) -> [ArraySlice<Element>] {
            stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
        }
    }
#endif
