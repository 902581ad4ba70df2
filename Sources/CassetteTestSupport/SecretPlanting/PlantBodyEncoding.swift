import CassetteKit
import Foundation

/// How a response body is stored in the HAR: as text, as base64 (`content.encoding: base64`), or
/// still compressed (`Content-Encoding` header kept, base64 of the compressed bytes in the HAR).
public enum PlantBodyEncoding: String, CaseIterable, Sendable {
    case identity, base64, gzip, deflate
    case deflateRaw = "deflate-raw"
    case gzipGzip = "gzip-gzip"

    /// Stores `text` as the response body of `entry` in this encoding.
    public func apply(_ text: String, mimeType: String, to entry: inout PlantEntry) {
        entry.responseMimeType = mimeType
        entry.setResponseHeader("Content-Type", mimeType)
        let bytes = Data(text.utf8)
        switch self {
        case .identity:
            entry.responseText = text
            entry.responseEncoding = nil
        case .base64:
            entry.responseText = bytes.base64EncodedString()
            entry.responseEncoding = "base64"
        case .gzip:
            store(Self.gzip(bytes), coding: "gzip", in: &entry)
        case .deflate:
            store(Self.zlib(bytes), coding: "deflate", in: &entry)
        case .deflateRaw:
            store(Self.rawDeflate(bytes), coding: "deflate", in: &entry)
        case .gzipGzip:
            store(Self.gzip(Self.gzip(bytes)), coding: "gzip, gzip", in: &entry)
        }
    }

    private func store(_ compressed: Data, coding: String, in entry: inout PlantEntry) {
        entry.responseText = compressed.base64EncodedString()
        entry.responseEncoding = "base64"
        entry.setResponseHeader("Content-Encoding", coding)
        entry.setResponseHeader("Content-Length", String(compressed.count))
    }

    static func gzip(_ bytes: Data) -> Data {
        (try? GzipCodec.gzip(bytes)) ?? Data()
    }

    /// Raw RFC 1951 deflate: the gzip stream without its 10-byte header and 8-byte trailer.
    static func rawDeflate(_ bytes: Data) -> Data {
        let stream = gzip(bytes)
        guard stream.count > 18 else { return Data() }
        return Data(stream.dropFirst(10).dropLast(8))
    }

    /// RFC 1950 zlib (what HTTP `deflate` means): header, raw deflate, Adler-32.
    static func zlib(_ bytes: Data) -> Data {
        var output = Data([0x78, 0xDA])
        output.append(rawDeflate(bytes))
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = (b << 16) | a
        output.append(contentsOf: [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)])
        return output
    }
}
