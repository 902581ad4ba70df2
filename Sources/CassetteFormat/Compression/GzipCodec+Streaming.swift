import CZlib
package import Foundation

extension GzipCodec {
    /// The fixed 10-byte gzip header every cassette starts with: deflate, no flags, mtime 0,
    /// maximum compression, OS 255 (unknown), so the bytes do not depend on the machine.
    package static let fixedHeader = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF])

    /// CRC-32 (the gzip trailer's checksum) of `data`, continuing from `initial`.
    package static func checksum(_ data: Data, initial: UInt32 = 0) -> UInt32 {
        var crc = uLong(initial)
        data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return }
            crc = crc32(crc, base, uInt(raw.count))
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Raw deflate blocks for `input` that end with a full flush: byte-aligned, not final, and
    /// independent of anything before them, so the same block can be repeated to build large
    /// streams cheaply (test inputs such as a gzip bomb).
    package static func fullFlushBlock(_ input: Data) throws(CompressionError) -> Data {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, compressionLevel, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib("deflateInit2 returned \(status)") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        let code: Int32 = input.withUnsafeBytes { raw in
            output.withUnsafeMutableBufferPointer { buffer in
                stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(raw.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FULL_FLUSH)
            }
        }
        guard code == Z_OK, stream.avail_in == 0 else { throw .zlib("deflate returned \(code)") }
        return Data(output.prefix(bound - Int(stream.avail_out)))
    }
}
