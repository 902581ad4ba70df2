import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

/// Secrets recognised by their names and context, and behind decoding layers.
@Suite("audit: names, text formats and decoded layers")
struct AuditIssueContextTests {
    typealias Make = @Sendable () -> IssueCase

    static func body(_ label: String, _ secret: String, _ text: String, mimeType: String = "application/json") -> IssueCase {
        IssueCase(label: label, secret: secret, file: IssueHAR.responseBody(text, mimeType: mimeType))
    }

    static let names: [(String, Make)] = [
        (
            "token: {value: ...}",
            {
                let s = RandomSecret.base64url(32)
                return body("token value", s, #"{"token":{"value":"\#(s)","expires_in":3600}}"#)
            }
        ),
        (
            "result.value under a secret parent",
            {
                let s = RandomSecret.alphanumeric(28)
                return body("result value", s, #"{"clientSecret":{"result":{"value":"\#(s)"}}}"#)
            }
        ),
        (
            "result.value with a neutral parent and a declared token type",
            {
                let s = RandomSecret.base64url(40)
                return body("declared type", s, #"{"result":{"type":"personal_access_token","value":"\#(s)"}}"#)
            }
        ),
        (
            "a grouped seed under a password name (not prose)",
            {
                let s = IssueHAR.groupedSeed().lowercased()
                return body("grouped password", s, #"{"password":"\#(s)"}"#)
            }
        ),
        (
            "a grouped seed in key=value text",
            {
                let s = IssueHAR.groupedSeed().lowercased()
                return body("grouped text", s, "status=ok\napi_key=\(s)\nexpires=3600\n", mimeType: "text/plain")
            }
        ),
        (
            "a recovery code of letters only under a token name",
            {
                let s = String(RandomSecret.alphanumeric(40).filter(\.isLetter).prefix(8).lowercased())
                let code = s.prefix(4) + "-" + s.dropFirst(4)
                return body("letter code", String(code), #"{"access_token":"\#(code)"}"#)
            }
        ),
        (
            "manualEntryKey grouped seed",
            {
                let s = IssueHAR.groupedSeed()
                return body("manual entry", s, #"{"totp":{"manualEntryKey":"\#(s)","qr":"data:image/png;base64,AAAA"}}"#)
            }
        ),
        (
            "recovery.codes",
            {
                let codes = (0..<4).map { _ in RandomSecret.backupCode() }
                return body("recovery codes", codes[2], #"{"recovery":{"codes":[\#(codes.map(IssueHAR.quoted).joined(separator: ","))]}}"#)
            }
        ),
        (
            "secret_answer",
            {
                let s = RandomSecret.alphanumeric(10)
                return body("secret answer", s, #"{"secret_question":"First pet?","secret_answer":"\#(s)"}"#)
            }
        ),
        (
            "code_verifier and code in a token request",
            {
                let s = RandomSecret.base64url(43)
                let text =
                    "grant_type=authorization_code&code=\(RandomSecret.alphanumeric(20))&code_verifier=\(s)&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb"
                return IssueCase(
                    label: "pkce", secret: s,
                    file: IssueHAR.requestBody(
                        text, mimeType: "application/x-www-form-urlencoded", url: "https://id.example.com/oauth/token"))
            }
        ),
        (
            "OAuth code in a Location header",
            {
                let s = RandomSecret.alphanumeric(24)
                return IssueCase(
                    label: "location", secret: s,
                    file: IssueHAR.file(
                        IssueHAR.log { entry in
                            entry.response.status = 302
                            entry.response.headers.append(
                                HAR.NameValue(name: "Location", value: "https://app.example.com/callback?code=\(s)&state=abc"))
                        }))
            }
        ),
        (
            "OAuth code in a callback URL",
            {
                let s = RandomSecret.base64url(30)
                return IssueCase(
                    label: "callback", secret: s,
                    file: IssueHAR.file(IssueHAR.log(url: "https://app.example.com/auth/callback?code=\(s)&state=xyz123") { _ in }))
            }
        ),
        (
            ";jsessionid= in a path",
            {
                let s = RandomSecret.hex(32).uppercased()
                return IssueCase(
                    label: "jsessionid", secret: s,
                    file: IssueHAR.file(IssueHAR.log(url: "https://shop.example.com/cart;jsessionid=\(s)?item=3") { _ in }))
            }
        ),
        (
            "reset token as a path segment",
            {
                let s = RandomSecret.base64url(40)
                return IssueCase(
                    label: "reset", secret: s,
                    file: IssueHAR.file(IssueHAR.log(url: "https://app.example.com/reset-password/\(s)") { _ in }))
            }
        ),
        (
            "a token as a JSON member name",
            {
                let s = "ghp_" + RandomSecret.alphanumeric(36)
                return body("member name", s, #"{"grants":{"\#(s)":{"scopes":["repo"]}}}"#)
            }
        ),
        (
            "key=value text",
            {
                let s = RandomSecret.alphanumeric(16)
                return body("text", s, "user=ada\npassword=\(s)\nregion=eu\n", mimeType: "text/plain")
            }
        ),
        (
            "key: value text",
            {
                let s = RandomSecret.base64url(40)
                return body("yaml", s, "service: billing\napi_key: \(s)\n", mimeType: "text/yaml")
            }
        ),
        (
            "XML SessionToken",
            {
                let s = RandomSecret.base64url(48)
                return body(
                    "xml", s, "<Credentials><AccessKeyId>x</AccessKeyId><SessionToken>\(s)</SessionToken></Credentials>",
                    mimeType: "text/xml")
            }
        ),
        (
            "SOAP sessionId",
            {
                let s = RandomSecret.alphanumeric(40)
                return body(
                    "soap", s,
                    #"<soapenv:Envelope><soapenv:Body><loginResponse><result><sessionId>\#(s)</sessionId></result></loginResponse></soapenv:Body></soapenv:Envelope>"#,
                    mimeType: "text/xml")
            }
        ),
        (
            "HTML meta content",
            {
                let s = RandomSecret.base64url(43)
                return body(
                    "meta", s, #"<html><head><meta name="csrf-token" content="\#(s)"></head><body>Hi</body></html>"#, mimeType: "text/html")
            }
        ),
        (
            "HTML hidden input",
            {
                let s = RandomSecret.base64url(43)
                return body(
                    "input", s, #"<form><input type="hidden" name="authenticity_token" value="\#(s)"><input name="q"></form>"#,
                    mimeType: "text/html")
            }
        ),
        (
            "GraphQL inline argument",
            {
                let s = RandomSecret.alphanumeric(14)
                let query = #"mutation { login(email: "ada@example.com", password: "\#(s)") { user { id } } }"#
                return IssueCase(
                    label: "graphql", secret: s,
                    file: IssueHAR.requestBody(
                        #"{"query":\#(IssueHAR.quoted(query))}"#, mimeType: "application/json", url: "https://api.example.com/graphql"))
            }
        ),
        (
            "multipart part",
            {
                let s = RandomSecret.alphanumeric(15)
                let text =
                    "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nada\r\n--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n\(s)\r\n--XyZ--\r\n"
                return IssueCase(
                    label: "multipart", secret: s, file: IssueHAR.requestBody(text, mimeType: "multipart/form-data; boundary=XyZ"))
            }
        ),
        (
            "high entropy under a secret-ish name",
            {
                let s = RandomSecret.base64url(40)
                return body("entropy", s, #"{"webhook_sig":"\#(s)"}"#)
            }
        ),
        (
            "statusText",
            {
                let s = "ghp_" + RandomSecret.alphanumeric(36)
                return IssueCase(label: "status", secret: s, file: IssueHAR.file(IssueHAR.log { $0.response.statusText = "OK \(s)" }))
            }
        ),
        (
            "cookie attributes",
            {
                let s = "ghp_" + RandomSecret.alphanumeric(36)
                return IssueCase(
                    label: "cookie", secret: s,
                    file: IssueHAR.file(
                        IssueHAR.log { entry in
                            entry.response.cookies = [HAR.Cookie(name: "theme", value: "dark", path: "/\(s)", domain: "example.com")]
                        }))
            }
        ),
        (
            "an unknown member",
            {
                let s = RandomSecret.jwt()
                return IssueCase(
                    label: "unknown", secret: s,
                    file: IssueHAR.editedDocument(IssueHAR.log { _ in }) { entry in
                        entry["_initiator"] = ["stack": ["frames": .array([["note": .string("auth \(s)")]])]]
                    })
            }
        ),
    ]

    static let layers: [(String, Make)] = [
        (
            "\\u escapes in a JSON body",
            {
                let s = "sk_live_" + RandomSecret.alphanumeric(24)
                return body("escapes", s, #"{"note":"\u0073\#(s.dropFirst())"}"#)
            }
        ),
        (
            "\\u escapes in a body JSON rejects (NaN)",
            {
                let s = "sk_live_" + RandomSecret.alphanumeric(24)
                return body("escapes nan", s, #"{"n":NaN,"note":"\u0073\#(s.dropFirst())"}"#)
            }
        ),
        (
            "percent-encoded URL in a value",
            {
                let s = RandomSecret.base64url(32)
                return body("percent", s, #"{"next":"https%3A%2F%2Fapp.example.com%2Fhome%3Faccess_token%3D\#(s)"}"#)
            }
        ),
        (
            "base64 value",
            {
                let s = RandomSecret.alphanumeric(32)
                return body("base64 value", s, #"{"blob":"\#(Data(#"{"api_key":"\#(s)"}"#.utf8).base64EncodedString())"}"#)
            }
        ),
        (
            "JSON three strings deep",
            {
                let s = RandomSecret.base64url(40)
                let inner = IssueHAR.quoted(IssueHAR.quoted(#"{"refresh_token":"\#(s)"}"#))
                return body("nested", s, #"{"a":\#(IssueHAR.quoted(#"{"b":\#(inner)}"#))}"#)
            }
        ),
        (
            "__NEXT_DATA__",
            {
                let s = RandomSecret.base64url(40)
                let html =
                    #"<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"session":{"accessToken":"\#(s)"}}}}</script></body></html>"#
                return body("next", s, html, mimeType: "text/html")
            }
        ),
        (
            "BOM before JSON",
            {
                let s = RandomSecret.base64url(40)
                return body("bom", s, "\u{FEFF}{\"access_token\":\"\(s)\"}")
            }
        ),
        (
            "NDJSON",
            {
                let s = RandomSecret.base64url(40)
                return body("ndjson", s, "{\"a\":1}\n{\"refresh_token\":\"\(s)\"}\n", mimeType: "application/x-ndjson")
            }
        ),
        (
            "XSSI prefix",
            {
                let s = RandomSecret.base64url(40)
                return body("xssi", s, ")]}'\n{\"id_token\":\"\(s)\"}")
            }
        ),
        (
            "JSONP",
            {
                let s = RandomSecret.base64url(40)
                return body("jsonp", s, "callback({\"access_token\":\"\(s)\"});", mimeType: "application/javascript")
            }
        ),
        (
            "NaN beside a password",
            {
                let s = RandomSecret.alphanumeric(14)
                return body("nan", s, #"{"score":NaN,"password":"\#(s)"}"#)
            }
        ),
        (
            "gzip body",
            {
                let s = RandomSecret.base64url(40)
                return gzipCase("gzip", s, ["gzip"])
            }
        ),
        (
            "deflate body",
            {
                let s = RandomSecret.base64url(40)
                let raw = Data(#"{"access_token":"\#(s)"}"#.utf8)
                let gz = (try? GzipCodec.gzip(raw)) ?? Data()
                // zlib = 2-byte header + the raw deflate stream inside the gzip member + adler (not checked by the audit).
                var zlib = Data([0x78, 0x9C])
                zlib.append(gz.dropFirst(10).dropLast(8))
                zlib.append(contentsOf: adler32(raw))
                return IssueCase(label: "deflate", secret: s, file: IssueHAR.encodedBody(zlib, contentEncoding: "deflate"))
            }
        ),
        (
            "gzip, gzip chain",
            {
                let s = RandomSecret.base64url(40)
                return gzipCase("gzip gzip", s, ["gzip", "gzip"])
            }
        ),
    ]

    static func gzipCase(_ label: String, _ secret: String, _ chain: [String]) -> IssueCase {
        var bytes = Data(#"{"refresh_token":"\#(secret)"}"#.utf8)
        for _ in chain { bytes = (try? GzipCodec.gzip(bytes)) ?? Data() }
        return IssueCase(label: label, secret: secret, file: IssueHAR.encodedBody(bytes, contentEncoding: chain.joined(separator: ", ")))
    }

    static func adler32(_ data: Data) -> [UInt8] {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let value = b << 16 | a
        return [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    @Test("secrets named by their context are found", arguments: names.map(\.0))
    func named(label: String) throws {
        let make = try #require(Self.names.first { $0.0 == label }?.1)
        try AuditIssueClassTests.expectFound(make())
    }

    @Test("secrets behind decoding layers are found", arguments: layers.map(\.0))
    func layered(label: String) throws {
        let make = try #require(Self.layers.first { $0.0 == label }?.1)
        try AuditIssueClassTests.expectFound(make())
    }

    @Test("a body under an encoding the audit cannot decode is itself a finding")
    func undecodable() throws {
        let random = Data((0..<256).map { _ in UInt8.random(in: 0...255) })
        for coding in ["br", "zstd", "deflate", "gzip"] {
            var bytes = random
            if coding == "gzip" { bytes = Data([0x1f, 0x8b, 0x08, 0x00]) + random }
            let findings = try SecretAuditor().audit(data: IssueHAR.encodedBody(bytes, contentEncoding: coding), path: "x.har")
            #expect(findings.map(\.ruleID) == ["undecodable-encoded-body"], "\(coding)")
        }
    }
}
