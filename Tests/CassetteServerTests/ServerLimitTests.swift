import CassetteKit
import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

/// Hostile and careless clients against both servers (`cassette serve`'s responder and the
/// emulator), in process on their own event-loop threads. Each test checks the server's answer
/// to the bad request and that a normal request still gets its answer within a second.
@Suite("the loopback servers' limits, against hostile clients")
struct ServerLimitTests {
    @Test("a request line over the limit gets 414, however long", arguments: ServerUnderTest.Kind.allCases)
    func longRequestLine(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind)
        for length in [9 * 1024, 1024 * 1024] {
            let connection = try RawHTTPConnection(port: server.port)
            connection.send("GET /" + String(repeating: "a", count: length) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(connection.readResponse()?.status == 414, "\(length) bytes")
            #expect(server.answersNormally())
        }
        await server.stop()
    }

    @Test("too many headers, or one header too large, get 431", arguments: ServerUnderTest.Kind.allCases)
    func largeHeaders(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind)
        let many = (0..<500).map { "X-Field-\($0): v\r\n" }.joined()
        let huge = "X-Huge: " + String(repeating: "b", count: 1024 * 1024) + "\r\n"
        for headers in [many, huge] {
            let connection = try RawHTTPConnection(port: server.port)
            connection.send("GET \(server.normalPath) HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n")
            #expect(connection.readResponse()?.status == 431)
            #expect(server.answersNormally())
        }
        await server.stop()
    }

    @Test("a body over the limit gets 413, declared or streamed, and is not read to its end", arguments: ServerUnderTest.Kind.allCases)
    func largeBody(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind, limits: ServerLimits(maxBodyBytes: 64 * 1024))
        let declared = try RawHTTPConnection(port: server.port)
        declared.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1073741824\r\n\r\n")
        #expect(declared.readResponse()?.status == 413, "refused on the declared length, before any body byte")

        let streamed = try RawHTTPConnection(port: server.port)
        streamed.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = "4000\r\n" + String(repeating: "c", count: 0x4000) + "\r\n"
        var sent = 0
        // Up to 1 GiB; the server stops reading after 64 KiB, so the sends stop early.
        while sent < 65536, streamed.send(chunk) { sent += 1 }
        #expect(sent < 65536, "the server closed the connection long before a gigabyte")
        #expect(server.answersNormally())
        await server.stop()
    }

    @Test("slow clients (slowloris) get 408 and are disconnected; others are answered meanwhile", arguments: ServerUnderTest.Kind.allCases)
    func slowClients(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind, limits: ServerLimits(requestTimeout: 0.5))
        var slow: [RawHTTPConnection] = []
        for _ in 0..<200 {
            let connection = try RawHTTPConnection(port: server.port)
            connection.send("GET \(server.normalPath) HTTP/1.1\r\nHost: local")
            slow.append(connection)
        }
        #expect(server.answersNormally())
        for connection in slow {
            #expect(connection.readResponse()?.status == 408)
            #expect(connection.waitForClose())
        }
        #expect(server.answersNormally())
        await server.stop()
    }

    @Test("an idle connection is closed after the idle timeout", arguments: ServerUnderTest.Kind.allCases)
    func idleConnection(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind, limits: ServerLimits(idleTimeout: 0.5))
        let idle = try RawHTTPConnection(port: server.port)
        #expect(idle.waitForClose(), "closed by the server, not by the 10 s receive timeout")
        #expect(server.answersNormally())
        await server.stop()
    }

    @Test("one connection past the limit gets 503; once one closes, requests are answered", arguments: ServerUnderTest.Kind.allCases)
    func connectionLimit(kind: ServerUnderTest.Kind) async throws {
        let server = try await ServerUnderTest.start(kind, limits: ServerLimits(maxConnections: 3))
        let held = try (0..<3).map { _ in try RawHTTPConnection(port: server.port) }
        // Each held connection answers a request, so all three are open and counted.
        for connection in held {
            connection.send(
                "GET \(server.normalPath) HTTP/1.1\r\nHost: localhost\r\n" + server.normalHeaders.map { "\($0): \($1)\r\n" }.joined()
                    + "\r\n")
            #expect(connection.readResponse()?.status == 200)
        }
        let refused = RawHTTPConnection.get(server.normalPath, port: server.port, headers: server.normalHeaders, timeout: 5)
        #expect(refused?.status == 503)
        #expect(refused?.header("Retry-After") == "1")
        held[0].close()
        var answered = false
        for _ in 0..<100 where !answered {
            answered = server.answersNormally()
        }
        #expect(answered, "a slot frees once a held connection closes")
        await server.stop()
    }

    @Test("keep-alive and pipelined requests are answered in order on one connection")
    func pipelining() async throws {
        let server = try await ServerUnderTest.start(.serve)
        let connection = try RawHTTPConnection(port: server.port)
        connection.send(
            String(repeating: "GET /me HTTP/1.1\r\nHost: localhost\r\n\r\n", count: 3) + "GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let statuses = (0..<4).map { _ in connection.readResponse()?.status }
        #expect(statuses == [200, 200, 200, 599])
        await server.stop()
    }

    @Test("the idle and request timers leave nothing behind: 3,000 requests keep the answers flowing")
    func manyRequests() async throws {
        let server = try await ServerUnderTest.start(.serve)
        let connection = try RawHTTPConnection(port: server.port)
        for _ in 0..<3000 {
            connection.send("GET /me HTTP/1.1\r\nHost: localhost\r\n\r\n")
            guard connection.readResponse()?.status == 200 else {
                Issue.record("a request on the kept-alive connection was not answered")
                break
            }
        }
        await server.stop()
    }
}
