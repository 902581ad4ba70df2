import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

private typealias F = RedactionFixtures

/// Compressed forms of a body, built from the deterministic gzip writer.
private enum Encoded {
    static func gzip(_ data: Data) throws -> Data { try GzipCodec.gzip(data) }

    /// Raw deflate: the gzip stream without its 10-byte header and 8-byte trailer.
    static func rawDeflate(_ data: Data) throws -> Data {
        let gz = try gzip(data)
        return gz.subdata(in: (gz.startIndex + 10)..<(gz.endIndex - 8))
    }

    /// zlib-wrapped deflate (what HTTP `deflate` means): header, raw deflate, Adler-32.
    static func zlib(_ data: Data) throws -> Data {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return Data([0x78, 0x9C]) + (try rawDeflate(data))
            + Data([UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)])
    }
}

@Suite("redaction: content encodings")
struct ContentEncodingTests {
    private func log(body: Data, encoding: String, mimeType: String = "application/json") -> HAR.Log {
        var response = F.response(json: "", headers: [("Content-Encoding", encoding)], mimeType: mimeType)
        response.content = HAR.Content(size: body.count, mimeType: mimeType, text: body.base64EncodedString(), encoding: "base64")
        return F.log(F.request(), response)
    }

    private func refusal(_ log: HAR.Log, policy: RedactionPolicy = RedactionPolicy()) -> UnsafeCassetteError? {
        do {
            _ = try Redaction.sanitize(log, policy: policy)
            return nil
        } catch {
            return error
        }
    }

    private static let codings: [(String, @Sendable (Data) throws -> Data)] = [
        ("gzip", Encoded.gzip), ("x-gzip", Encoded.gzip), ("deflate", Encoded.zlib), ("deflate", Encoded.rawDeflate),
        ("identity", { $0 }), ("gzip, gzip", { try Encoded.gzip(Encoded.gzip($0)) }),
        ("deflate, gzip", { try Encoded.gzip(Encoded.zlib($0)) }), ("gzip, identity", Encoded.gzip),
    ]

    @Test("every layer of a gzip/deflate chain is decoded, the body redacted, the header dropped", arguments: 0..<8)
    func decodedAndRedacted(index: Int) throws {
        let (coding, encode) = Self.codings[index]
        let secret = RandomSecret.alphanumeric(32)
        let body = Data("{\"user\":\"alice\",\"access_token\":\"\(secret)\"}".utf8)
        let clean = try Redaction.sanitize(log(body: try encode(body), encoding: coding), policy: RedactionPolicy())
        let response = clean.entries[0].response
        #expect(!SecretForms.leak(F.text(clean), [secret]))
        #expect(response.headers.value(named: "Content-Encoding") == nil)
        #expect(response.content.encoding == nil)
        #expect(response.content.text?.hasPrefix("{\"user\":\"alice\",\"access_token\":\"REDACTED_") == true)
    }

    @Test(
        "a body the tool already decoded (devtools keep the header) is read as it is and the header dropped",
        arguments: ["gzip", "br", "deflate"])
    func alreadyDecoded(coding: String) throws {
        let secret = RandomSecret.alphanumeric(32)
        let response = F.response(json: "{\"password\":\"\(secret)\"}", headers: [("Content-Encoding", coding)])
        let clean = try Redaction.sanitize(F.log(F.request(), response), policy: RedactionPolicy())
        #expect(!SecretForms.leak(F.text(clean), [secret]))
        #expect(clean.entries[0].response.headers.value(named: "Content-Encoding") == nil)
    }

    @Test("an encoding with no decoder is refused, never dropped with the bytes kept", arguments: ["br", "zstd", "compress", "gzip, br"])
    func unknownEncodingRefused(coding: String) throws {
        let secret = RandomSecret.alphanumeric(32)
        let encoded = Data([0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x8B]) + Data("{\"token\":\"\(secret)\"}".utf8).map { $0 ^ 0x5A }
        let error = try #require(refusal(log(body: Data(encoded), encoding: coding)))
        let unreadable = try #require(error.unreadableBodies.first)
        #expect(unreadable.encoding == ContentDecoding.codings(coding).last)
        #expect(error.description.contains("entry 0 response body"))
        #expect(error.description.contains("Content-Encoding"))
        #expect(!SecretForms.leak(error.description, [secret]))
    }

    @Test("with opaque bodies allowed, an undecodable encoded body is still refused by the independent audit")
    func unknownEncodingAllowed() throws {
        // `--allow-opaque-body` lets the redactor keep bytes it cannot read, but nothing can prove
        // a `zstd` stream clean: the audit's second line refuses it (fail closed), naming the rule.
        let encoded = Data([0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x8B, 0x01])
        #expect(throws: UnsafeCassetteError.self) {
            _ = try Redaction.sanitize(log(body: encoded, encoding: "zstd"), policy: RedactionPolicy(allowOpaqueBodies: true))
        }
        let redacted = Redaction.redact(log(body: encoded, encoding: "zstd"), policy: RedactionPolicy(allowOpaqueBodies: true)).log
        #expect(redacted.entries[0].response.headers.value(named: "Content-Encoding") == "zstd")
        #expect(redacted.entries[0].response.content.bodyData == encoded)
    }

    @Test("a broken gzip body is refused")
    func brokenGzip() throws {
        var bytes = try Encoded.gzip(Data("{\"token\":\"x\"}".utf8))
        bytes = bytes.prefix(bytes.count - 12)
        let error = try #require(refusal(log(body: bytes, encoding: "gzip")))
        #expect(error.unreadableBodies.first?.reason.contains("cannot be decoded") == true)
    }

    @Test("decoding stops at the size cap")
    func sizeCap() throws {
        let big = try Encoded.gzip(Data(repeating: UInt8(ascii: "a"), count: 100_000))
        let outcome = ContentDecoding.decode(big, contentEncoding: "gzip", maxOutput: 10_000)
        guard case .failed(let coding, _) = outcome else {
            Issue.record("expected the cap to stop decoding")
            return
        }
        #expect(coding == "gzip")
        #expect(
            ContentDecoding.decode(big, contentEncoding: "gzip", maxOutput: 200_000)
                == .decoded(Data(repeating: UInt8(ascii: "a"), count: 100_000), decodedLayers: 1))
    }

    @Test("a gzip-encoded request body is decoded and redacted")
    func requestBody() throws {
        let secret = RandomSecret.alphanumeric(32)
        let body = try Encoded.gzip(Data("{\"client_secret\":\"\(secret)\"}".utf8))
        let postData = HAR.PostData(mimeType: "application/json", text: body.base64EncodedString(), encoding: "base64")
        let request = F.request("POST", headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/json")], postData: postData)
        let clean = try Redaction.sanitize(F.log(request, F.response(json: "{}")), policy: RedactionPolicy())
        #expect(!SecretForms.leak(F.text(clean), [secret]))
        #expect(clean.entries[0].request.headers.value(named: "Content-Encoding") == nil)
        #expect(clean.entries[0].request.postData?.encoding == nil)
    }

    @Test("an unreadable body's refusal names its content type and encoding through the display path: a secret in either is masked")
    func refusalTextIsSafe() throws {
        // Lower case: media types and codings are compared, and shown, in lower case.
        let token = "ghp_" + RandomSecret.alphanumeric(36).lowercased()
        let encoded = Data([0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x8B, 0x01])
        let error = try #require(refusal(log(body: encoded, encoding: "x-\(token)", mimeType: "application/x-\(token)")))
        #expect(!error.unreadableBodies.isEmpty)
        #expect(!SecretForms.leak(error.description, [token]))
        #expect(!SecretForms.leak(error.locations.joined(separator: " "), [token]))
        #expect(error.description.contains("refusing to write"))
    }
}
