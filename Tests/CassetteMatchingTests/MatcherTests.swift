import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("Each matcher decides and says why")
struct MatcherTests {
    static func request(
        _ method: String = "GET", url: String = "https://api.example.com/v1/me?a=1&b=2", headers: [String: String] = [:],
        body: String? = nil, mimeType: String = "application/json"
    ) -> HAR.Request {
        .incoming(
            method: method, url: url,
            headers: headers.sorted { $0.key < $1.key }.map { HAR.NameValue(name: $0.key, value: $0.value) }
                + (body == nil ? [] : [HAR.NameValue(name: "Content-Type", value: mimeType)]),
            body: body.map { Data($0.utf8) })
    }

    /// Evaluates both ways (explained and fast) and checks they agree.
    static func verdict(_ matcher: RequestMatcher, _ recorded: HAR.Request, _ incoming: HAR.Request) -> MatchResult {
        let result = matcher.evaluate(recorded: recorded, incoming: incoming)
        #expect(
            matcher.matches(recorded: PreparedRequest(recorded), incoming: PreparedRequest(incoming)) == result.isMatch,
            "fast check and explanation of \(matcher.name) disagree")
        return result
    }

    @Test("method")
    func method() {
        #expect(Self.verdict(.method, Self.request("GET"), Self.request("get")).reason == "method GET")
        let miss = Self.verdict(.method, Self.request("GET"), Self.request("POST"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "method differs: recorded GET, request POST")
        #expect(miss.differences == ["- recorded: GET", "+ request:  POST"])
    }

    @Test("scheme")
    func scheme() {
        let miss = Self.verdict(.scheme, Self.request(), Self.request(url: "http://api.example.com/v1/me?a=1&b=2"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "scheme differs: recorded https, request http")
    }

    @Test("host, with default ports equal to none")
    func host() {
        #expect(Self.verdict(.host, Self.request(), Self.request(url: "https://API.example.com:443/v1/me")).isMatch)
        let miss = Self.verdict(.host, Self.request(), Self.request(url: "https://api.example.com:8443/v1/me"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "host differs: recorded api.example.com, request api.example.com:8443")
    }

    @Test("path")
    func path() {
        let miss = Self.verdict(.path, Self.request(), Self.request(url: "https://api.example.com/v1/users/me"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "path differs: recorded /v1/me, request /v1/users/me")
        #expect(miss.differences == ["- recorded: /v1/me", "+ request:  /v1/users/me"])
    }

    @Test("query: order does not matter, values and repeats do")
    func query() {
        let reordered = Self.verdict(.query, Self.request(), Self.request(url: "https://api.example.com/v1/me?b=2&a=1"))
        #expect(reordered.isMatch)
        #expect(reordered.reason == "query b=2&a=1 (order ignored)")
        let changed = Self.verdict(.query, Self.request(), Self.request(url: "https://api.example.com/v1/me?b=3&a=1"))
        #expect(!changed.isMatch)
        #expect(changed.reason == "query differs in b")
        #expect(changed.differences == ["- recorded: b=2", "+ request:  b=3"])
        #expect(!Self.verdict(.query, Self.request(), Self.request(url: "https://api.example.com/v1/me?a=1&b=2&b=2")).isMatch)
    }

    @Test("url combines scheme, host, path and query")
    func url() {
        #expect(Self.verdict(.url, Self.request(), Self.request(url: "https://api.example.com/v1/me?b=2&a=1")).isMatch)
        let miss = Self.verdict(.url, Self.request(), Self.request(url: "https://api.example.com/v2/me?a=1&b=2"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "path differs: recorded /v1/me, request /v2/me")
        #expect(miss.differences == ["path - recorded: /v1/me", "path + request:  /v2/me"])
    }

    @Test("selected headers, case-insensitive names, others ignored")
    func headers() {
        let recorded = Self.request(headers: ["Accept": "application/json", "X-Trace": "1"])
        #expect(
            Self.verdict(.headers(["accept"]), recorded, Self.request(headers: ["ACCEPT": "application/json", "X-Trace": "2"])).isMatch)
        let miss = Self.verdict(.headers(["Accept"]), recorded, Self.request(headers: ["Accept": "text/html"]))
        #expect(!miss.isMatch)
        #expect(miss.reason == "header Accept differs")
        #expect(miss.differences == ["- recorded: Accept: application/json", "+ request:  Accept: text/html"])
        let absent = Self.verdict(.headers(["Accept"]), recorded, Self.request())
        #expect(absent.differences.last == "+ request:  Accept: (absent)")
    }

    @Test("JSON body: semantic equality, with a diff by JSON pointer")
    func jsonBody() {
        let recorded = Self.request("POST", body: #"{"name":"Ada","age":36,"tags":["a","b"]}"#)
        let same = Self.verdict(.jsonBody, recorded, Self.request("POST", body: #"{ "tags": ["a","b"], "age": 36.0, "name": "Ada" }"#))
        #expect(same.isMatch)
        #expect(same.reason == "JSON bodies equal")
        let miss = Self.verdict(.jsonBody, recorded, Self.request("POST", body: #"{"name":"Bob","age":36,"tags":["a"]}"#))
        #expect(!miss.isMatch)
        #expect(miss.reason == "JSON bodies differ at 2 places")
        #expect(miss.differences.contains(#"/name: recorded "Ada", request "Bob""#))
        #expect(miss.differences.contains("/tags: recorded has 2 items, request 1"))
        let notJSON = Self.verdict(.jsonBody, recorded, Self.request("POST", body: "name=Ada", mimeType: "text/plain"))
        #expect(notJSON.reason == "the request body is not JSON")
    }

    @Test("raw body: bytes exactly")
    func rawBody() {
        let recorded = Self.request("POST", body: "a=1&b=2", mimeType: "application/x-www-form-urlencoded")
        #expect(
            Self.verdict(.rawBody, recorded, Self.request("POST", body: "a=1&b=2", mimeType: "application/x-www-form-urlencoded")).isMatch)
        let miss = Self.verdict(.rawBody, recorded, Self.request("POST", body: "a=1&b=3", mimeType: "application/x-www-form-urlencoded"))
        #expect(!miss.isMatch)
        #expect(miss.reason == "bodies differ from byte 6 (recorded 7 bytes, request 7)")
        #expect(miss.differences.contains("- recorded: b=2"))
        #expect(!Self.verdict(.rawBody, Self.request("POST", body: #"{"a":1}"#), Self.request("POST", body: #"{ "a": 1 }"#)).isMatch)
    }

    @Test("custom closures, with their own name and reason")
    func custom() {
        let sameTenant = RequestMatcher.custom("sameTenant", failureReason: "the tenant header differs") { recorded, incoming in
            recorded.headers.value(named: "X-Tenant") == incoming.headers.value(named: "X-Tenant")
        }
        #expect(
            Self.verdict(sameTenant, Self.request(headers: ["X-Tenant": "a"]), Self.request(headers: ["X-Tenant": "a"])).reason
                == "sameTenant accepts")
        let miss = Self.verdict(sameTenant, Self.request(headers: ["X-Tenant": "a"]), Self.request(headers: ["X-Tenant": "b"]))
        #expect(!miss.isMatch)
        #expect(miss.reason == "the tenant header differs")

        let explained = RequestMatcher.custom(name: "pathDepth") { recorded, incoming in
            let a = recorded.path.split(separator: "/").count
            let b = incoming.path.split(separator: "/").count
            return a == b ? .match("depth \(a)") : .mismatch("depth \(a) vs \(b)", differences: ["- \(a)", "+ \(b)"], distance: 0.5)
        }
        let depth = Self.verdict(explained, Self.request(), Self.request(url: "https://x.example/a/b/c"))
        #expect(depth.reason == "depth 2 vs 3")
        #expect(depth.distance == 0.5)
        let combined = RequestMatcher.method.and(.path).named("method+path")
        #expect(combined.name == "method+path")
        #expect(Self.verdict(combined, Self.request(), Self.request(url: "https://other.example/v1/me")).isMatch)
    }

    @Test("a recorded placeholder matches any token in its place, and nothing else")
    func placeholders() {
        let token = RandomSecret.base64url(43)
        #expect(PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: "Bearer \(token)"))
        #expect(PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: "Bearer REDACTED_7"))
        #expect(PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: "Bearer \(RandomSecret.jwt())"))
        #expect(!PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: "Basic \(token)"))
        #expect(!PlaceholderEquality.matches(recorded: "Bearer REDACTED_1", incoming: "Bearer "))
        #expect(
            !PlaceholderEquality.matches(recorded: "Bearer \(token)", incoming: "Bearer REDACTED_1"),
            "a real recorded value never matches a placeholder")
        #expect(PlaceholderEquality.matches(recorded: "sid=REDACTED_1; theme=dark", incoming: "sid=\(RandomSecret.hex(32)); theme=dark"))
        #expect(!PlaceholderEquality.matches(recorded: "sid=REDACTED_1; theme=dark", incoming: "sid=a; theme=light"))
        #expect(PlaceholderEquality.matches(recorded: "/v1/users/REDACTED_2/keys", incoming: "/v1/users/u-123/keys"))
        #expect(!PlaceholderEquality.matches(recorded: "REDACTED_1X", incoming: "abcX"), "REDACTED_1X is a word, not a placeholder")
        let header = MatcherTests.verdict(
            .headers(["Authorization"]), Self.request(headers: ["Authorization": "Bearer REDACTED_1"]),
            Self.request(headers: ["Authorization": "Bearer \(token)"]))
        #expect(header.isMatch)
        let json = MatcherTests.verdict(
            .jsonBody, Self.request("POST", body: #"{"refresh_token":"REDACTED_3","scope":"me"}"#),
            Self.request("POST", body: #"{"scope":"me","refresh_token":"\#(token)"}"#))
        #expect(json.isMatch)
        let query = MatcherTests.verdict(
            .query, Self.request(url: "https://x.example/me?access_token=REDACTED_1&v=2"),
            Self.request(url: "https://x.example/me?v=2&access_token=\(token)"))
        #expect(query.isMatch)
    }
}
