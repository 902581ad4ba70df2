import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// `cassette serve` and `cassette emulate` as separate processes under what a careless or
/// hostile machine does to them: too few file descriptors, gigabyte bodies, a port in use.
@Suite("cassette serve and emulate under hostile conditions")
struct ServeHostileCLITests {
    private static let shipped = BuiltProducts.packageRoot().appendingPathComponent("Cassettes")

    /// Both servers, with the request a normal client sends and the header it needs.
    enum Server: String, CaseIterable, Sendable {
        case serve, emulate

        func start(_ extra: [String], descriptorLimit: Int? = nil) throws -> ServingProcess {
            let arguments: [String]
            switch self {
            case .serve: arguments = ["serve", shipped.appendingPathComponent("zitadel/me.har.gz").path] + extra
            case .emulate: arguments = ["emulate", "--provider", "zitadel", "--print-credentials"] + extra
            }
            guard let descriptorLimit else { return try ServingProcess.start(BuiltProducts.cassette, arguments) }
            // `sh -c 'ulimit -n N; exec cassette ...'`: the same process, with fewer descriptors.
            return try ServingProcess.start(
                "/bin/sh", ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", BuiltProducts.cassette] + arguments)
        }

        /// The status a normal `GET /auth/v1/users/me` gets: the recorded 200 (serve), or the
        /// emulator's 200 with the printed credential.
        func normalAnswer(_ process: ServingProcess, timeout: Double = 1) -> Int? {
            var headers: [String: String] = [:]
            if self == .emulate {
                guard process.waitForStdout(containing: "'\n") else { return nil }
                let line = process.stdout.split(separator: "\n").first { $0.hasPrefix("export ") } ?? ""
                let parts = line.split(separator: "'", omittingEmptySubsequences: false)
                if parts.count == 3 { headers["Authorization"] = "Bearer \(parts[1])" }
            }
            let port = process.baseURL.port ?? 0
            return RawHTTPConnection.get("/auth/v1/users/me", port: port, headers: headers, timeout: timeout)?.status
        }
    }

    @Test(
        "out of file descriptors: the failed accepts are logged, the server keeps running and answers once they free up",
        arguments: Server.allCases)
    func descriptorExhaustion(server: Server) throws {
        let process = try server.start(["--max-connections", "5000"], descriptorLimit: 64)
        defer { process.stop() }
        #expect(server.normalAnswer(process) == 200)
        let port = process.baseURL.port ?? 0
        var held: [RawHTTPConnection] = []
        for _ in 0..<120 {
            // The kernel completes connections in the backlog even when the server cannot accept.
            guard let connection = try? RawHTTPConnection(port: port, receiveTimeout: 2) else { break }
            held.append(connection)
        }
        #expect(process.waitForStderr(containing: "accepting a connection failed: Too many open files"))
        #expect(process.isRunning, "the server survived")
        for connection in held { connection.close() }
        var answered: Int?
        for _ in 0..<5 where answered != 200 {
            answered = server.normalAnswer(process, timeout: 2)
        }
        #expect(answered == 200, "answers again once descriptors are free")
        #expect(process.isRunning)
    }

    @Test("a gigabyte body is refused with 413 early, and resident memory stays bounded", arguments: Server.allCases)
    func hugeBodyMemory(server: Server) throws {
        let process = try server.start([])
        defer { process.stop() }
        #expect(server.normalAnswer(process) == 200)
        let before = process.residentMebibytes()
        let port = process.baseURL.port ?? 0
        let connection = try RawHTTPConnection(port: port)
        connection.send("POST /auth/v1/users/me HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = Array(("100000\r\n" + String(repeating: "x", count: 0x100000) + "\r\n").utf8)
        var sent = 0
        while sent < 1024, connection.send(chunk) { sent += 1 }
        #expect(sent < 1024, "the server stopped reading long before a gigabyte")
        #expect(server.normalAnswer(process) == 200)
        // Many ordinary requests on top: no per-request state outlives its answer.
        let keepAlive = try RawHTTPConnection(port: port)
        for _ in 0..<2000 {
            keepAlive.send("GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n")
            guard keepAlive.readResponse() != nil else { break }
        }
        let after = process.residentMebibytes()
        #expect(after.peak - before.now < 40, "peak \(after.peak) MiB after \(before.now) MiB at start")
    }

    @Test("a port already in use is a start error with the reason and a non-zero exit", arguments: Server.allCases)
    func portInUse(server: Server) throws {
        let first = try server.start([])
        defer { first.stop() }
        let port = String(first.baseURL.port ?? 0)
        let arguments =
            server == .serve
            ? ["serve", Self.shipped.path, "--host", "127.0.0.1", "--port", port] : ["emulate", "--host", "127.0.0.1", "--port", port]
        let result = try ProcessRunner.run(BuiltProducts.cassette, arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Address already in use"), "\(result.stderr)")
    }

    @Test("--host ::1, 127.1 and localhost are loopback; the log names the addresses bound")
    func hostsAndLog() throws {
        let local = try ServingProcess.start(BuiltProducts.cassette, ["serve", Self.shipped.path])
        defer { local.stop() }
        let port = local.baseURL.port ?? 0
        #expect(local.stderr.contains("on http://127.0.0.1:\(port)"))
        #expect(RawHTTPConnection.get("/auth/v1/users/me", port: port)?.status == 200)
        if local.stderr.contains("http://[::1]:\(port)") {
            #expect(RawHTTPConnection.get("/auth/v1/users/me", address: "::1", port: port)?.status == 200)
        }
        let short = try ServingProcess.start(BuiltProducts.cassette, ["serve", Self.shipped.path, "--host", "127.1"])
        defer { short.stop() }
        #expect(short.stderr.contains("on http://127.0.0.1:"))
        #expect(!short.stderr.contains("[::1]"))
        if local.stderr.contains("[::1]") {
            let six = try ServingProcess.start(BuiltProducts.cassette, ["serve", Self.shipped.path, "--host", "::1"])
            defer { six.stop() }
            #expect(six.baseURL.absoluteString.hasPrefix("http://[::1]:"))
            #expect(RawHTTPConnection.get("/auth/v1/users/me", address: "::1", port: six.baseURL.port ?? 0)?.status == 200)
        }
    }

    @Test("requests twice on the same path are answered twice; --strict refuses the second and says how to allow it")
    func repeatPolicy() throws {
        let cassette = Self.shipped.appendingPathComponent("zitadel/me.har.gz").path
        let relaxed = try ServingProcess.start(BuiltProducts.cassette, ["serve", cassette])
        defer { relaxed.stop() }
        let port = relaxed.baseURL.port ?? 0
        #expect(RawHTTPConnection.get("/auth/v1/users/me", port: port)?.status == 200)
        #expect(RawHTTPConnection.get("/auth/v1/users/me", port: port)?.status == 200)
        let strict = try ServingProcess.start(BuiltProducts.cassette, ["serve", cassette, "--strict"])
        defer { strict.stop() }
        let strictPort = strict.baseURL.port ?? 0
        #expect(RawHTTPConnection.get("/auth/v1/users/me", port: strictPort)?.status == 200)
        let second = RawHTTPConnection.get("/auth/v1/users/me", port: strictPort)
        #expect(second?.status == 599)
        #expect(second?.text.contains("--strict") == true)
    }

    @Test("a secret sent in the path or a header is not echoed on stderr")
    func noEchoOnStderr() throws {
        let process = try ServingProcess.start(
            BuiltProducts.cassette, ["serve", Self.shipped.appendingPathComponent("zitadel/me.har.gz").path])
        defer { process.stop() }
        let token = RandomSecret.zitadelOpaqueToken()
        let header = RandomSecret.unleashPAT()
        let answer = RawHTTPConnection.get(
            "/auth/v1/users/\(token)?access_token=\(token)", port: process.baseURL.port ?? 0, headers: ["X-Unknown": header])
        #expect(answer?.status == 599)
        #expect(process.waitForStderr(containing: "-> 599 (no match)"))
        #expect(!process.stderr.contains(token))
        #expect(!process.stderr.contains(header))
        #expect(answer?.text.contains(token) == false)
    }
}
