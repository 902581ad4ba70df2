import CassetteKit
import CassetteTestSupport
import Foundation

/// Cassettes in other tools' formats, built around fresh random secrets.
enum ImportFixtures {
    /// A vcrpy YAML cassette (as vcrpy 6 writes it) of a ZITADEL `/me` call carrying `token`.
    static func vcrpyYAML(token: String, host: String = "https://zitadel.example.com") -> String {
        """
        interactions:
        - request:
            body: null
            headers:
              Accept:
              - '*/*'
              Authorization:
              - Bearer \(token)
              User-Agent:
              - python-requests/2.32.3
            method: GET
            uri: \(host)/auth/v1/users/me?details=true
          response:
            body:
              string: '{"user":{"id":"2459387433948","userName":"ada@example.com","state":"USER_STATE_ACTIVE","human":{"profile":{"displayName":"Ada"}}}}'
            headers:
              Content-Type:
              - application/json
              Grpc-Metadata-Content-Type:
              - application/grpc
            status:
              code: 200
              message: OK
        version: 1

        """
    }

    /// A vcrpy cassette whose body is gzip bytes (`!!binary`), as vcrpy stores undecoded bodies.
    static func vcrpyGzipYAML(token: String, body: Data) throws -> String {
        let compressed = try GzipCodec.gzip(body).base64EncodedString()
        return """
            interactions:
            - request:
                body: null
                headers:
                  Authorization:
                  - \(token)
                method: GET
                uri: http://127.0.0.1:4242/api/admin/user
              response:
                body:
                  string: !!binary |
                    \(compressed)
                headers:
                  Content-Encoding:
                  - gzip
                  Content-Type:
                  - application/json; charset=utf-8
                status:
                  code: 200
                  message: OK
            version: 1

            """
    }

    /// A Ruby VCR cassette with a base64 response body and a session cookie.
    static func rubyVCRYAML(session: String, body: Data) -> String {
        """
        ---
        http_interactions:
        - request:
            method: get
            uri: https://frontend.wacht.example/me
            body:
              encoding: US-ASCII
              string: ''
            headers:
              Cookie:
              - __session=\(session)
          response:
            status:
              code: 200
              message: OK
            headers:
              Content-Type:
              - application/json
            body:
              encoding: ASCII-8BIT
              base64_string: |
                \(body.base64EncodedString())
            http_version: '1.1'
          recorded_at: Tue, 01 Nov 2022 10:00:00 GMT
        recorded_with: VCR 6.1.0

        """
    }

    /// A HAR file as browser devtools export it: tool-specific members, decoded text kept next to
    /// a `content-encoding: br` header, an API key in a header.
    static func devtoolsHAR(apiKey: String, body: String) -> String {
        let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return """
            {"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2024-05-01T10:00:00.000Z","id":"page_1","title":"app","pageTimings":{}}],
            "entries":[{"_initiator":{"type":"script"},"_priority":"High","_resourceType":"fetch","cache":{},"connection":"443","pageref":"page_1",
            "request":{"method":"GET","url":"https://api.smallest.ai/atoms/v1/user","httpVersion":"http/2.0","headers":[{"name":":authority","value":"api.smallest.ai"},{"name":"authorization","value":"Bearer \(apiKey)"}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":0},
            "response":{"status":200,"statusText":"","httpVersion":"http/2.0","headers":[{"name":"content-encoding","value":"br"},{"name":"content-type","value":"application/json; charset=utf-8"}],"cookies":[],"content":{"size":\(body.utf8.count),"mimeType":"application/json","text":"\(escaped)"},"redirectURL":"","headersSize":-1,"bodySize":-1,"_transferSize":512,"_error":null},
            "serverIPAddress":"1.2.3.4","startedDateTime":"2024-05-01T10:00:01.000Z","time":120.5,"timings":{"blocked":1,"dns":-1,"ssl":-1,"connect":-1,"send":0.1,"wait":110,"receive":10.4,"_blocked_queueing":0.5}}]}}
            """
    }

    static let atomsBody =
        #"{"status":true,"data":{"_id":"65f1c0ffee","email":"ada@example.com","firstName":"Ada","organizationId":"org_1"}}"#
}

extension TemporaryDirectory {
    /// Writes text into a file of the directory and returns its URL.
    func write(_ text: String, to name: String) throws -> URL {
        let url = file(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
