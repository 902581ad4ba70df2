import CassetteKit
import Foundation
import Testing

/// `PreparedRequest` splits plain URLs by hand (the cassette-loading hot path) and everything
/// else with `URLComponents`; both must give what `URLComponents` gives.
@Suite("prepared requests take URLs apart like URLComponents")
struct PreparedRequestURLTests {
    static let urls = [
        "https://api.example.com/v1/me",
        "https://API.Example.com:443/atoms/v1/user?n=1",
        "http://127.0.0.1:8080/api/admin/user?a=1&b=two&a=3",
        "https://acme.zitadel.cloud/auth/v1/users/me?q=%20space%2Fslash&empty=&flag",
        "https://x.test",
        "https://x.test?only=query",
        "https://x.test:8443/p/a;b/c,d?x=(1)*2+3&y=$!'~",
        "HTTPS://X.TEST/CASE?Name=Value",
        "https://user:pw@x.test/p?a=1",
        "https://[::1]:8080/p?a=1",
        "https://x.test/p?a=1#frag",
        "https://x.test/p?a=%zz",
        "https://x.test/p?a=1&&b=2",
        "https://x.test/p?",
        "https://x.test/caf%C3%A9?name=%E2%82%AC",
        "https://x.test:99999/p",
        "https://x.test:/p",
        "/relative/path?a=1",
    ]

    @Test("scheme, host, port, path and query", arguments: urls)
    func matchesURLComponents(_ url: String) throws {
        let prepared = PreparedRequest(HAR.Request(method: "get", url: url))
        #expect(prepared.method == "GET")
        guard let components = URLComponents(string: url) else { return }
        let scheme = components.scheme?.lowercased() ?? ""
        #expect(prepared.scheme == scheme)
        #expect(prepared.host == (components.host?.lowercased() ?? ""))
        let defaultPort: Int? = ["https": 443, "http": 80][scheme]
        #expect(prepared.port == (components.port ?? defaultPort))
        #expect(prepared.path == (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath))
        let query = (components.percentEncodedQueryItems ?? []).map {
            HAR.NameValue(name: $0.name.removingPercentEncoding ?? $0.name, value: $0.value.map { $0.removingPercentEncoding ?? $0 } ?? "")
        }
        #expect(prepared.query == query)
    }
}
