import CassetteServer
import CassetteTestSupport
import Foundation
import Testing

@Suite("loopback addresses: names, IPv4 and IPv6")
struct LoopbackAddressTests {
    @Test("localhost, 127.1, ::1 and 127.0.0.1 are loopback; 0.0.0.0, a LAN address and an unresolvable name are not")
    func classification() {
        for host in ["localhost", "127.1", "::1", "[::1]", "127.0.0.1", "127.3.2.1", "LOCALHOST"] {
            #expect(LoopbackAddresses.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "192.168.1.10", "::", "nothing.invalid", ""] {
            #expect(!LoopbackAddresses.isLoopback(host), "\(host)")
        }
        #expect(LoopbackAddresses.resolve("127.1") == ["127.0.0.1"])
        #expect(LoopbackAddresses.resolve("localhost") == ["127.0.0.1", "::1"])
    }

    @Test("localhost binds IPv4 and IPv6 loopback on one port, and both answer")
    func bothFamilies() async throws {
        let responder = CassetteResponder(logs: [ServedCassette.log], name: "test")
        let server = try await LoopbackServer.start(host: "localhost") { responder.respond($0).0 }
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")
        #expect(server.boundAddresses.first == "127.0.0.1:\(server.port)")
        #expect(RawHTTPConnection.get("/me", port: Int(server.port))?.status == 200)
        if server.boundAddresses.contains("[::1]:\(server.port)") {
            #expect(RawHTTPConnection.get("/me", address: "::1", port: Int(server.port))?.status == 200)
        }
        await server.stop()
    }

    @Test("::1 alone works, and the server names the address it bound")
    func ipv6Only() async throws {
        let responder = CassetteResponder(logs: [ServedCassette.log], name: "test")
        guard let server = try? await LoopbackServer.start(host: "::1", handler: { responder.respond($0).0 }) else {
            return  // no IPv6 on this machine: nothing to check
        }
        #expect(server.boundAddresses == ["[::1]:\(server.port)"])
        #expect(server.baseURL.absoluteString == "http://[::1]:\(server.port)")
        #expect(RawHTTPConnection.get("/me", address: "::1", port: Int(server.port))?.status == 200)
        await server.stop()
    }

    @Test("a name that does not resolve is a start error that names it")
    func unresolvable() async {
        await #expect(throws: ServerStartError.self) {
            _ = try await LoopbackServer.start(host: "nothing.invalid") { _ in ServerResponse(status: 200) }
        }
    }
}
