import CassetteKit
public import Foundation

/// A valid single-member gzip stream that decompresses to a huge run of zeros while staying
/// small on disk (1 GiB of zeros in about 1 MB), built in milliseconds by repeating one
/// independent deflate block.
public enum GzipBomb {
    /// The bomb: `mebibytes` MiB of zeros once decompressed.
    /// With `forgedSize`, the trailer lies about the decompressed size (as a hostile file would),
    /// so a reader cannot refuse it from the trailer alone and must stop at its cap while inflating.
    public static func make(mebibytes: Int = 1024, forgedSize: UInt32? = nil) throws -> Data {
        let chunk = Data(count: 1024 * 1024)
        let block = try GzipCodec.fullFlushBlock(chunk)
        var output = GzipCodec.fixedHeader
        output.reserveCapacity(block.count * mebibytes + 32)
        var crc: UInt32 = 0
        for _ in 0..<mebibytes {
            output.append(block)
            crc = GzipCodec.checksum(chunk, initial: crc)
        }
        output.append(contentsOf: [0x03, 0x00])  // an empty final block (fixed Huffman)
        let size = forgedSize ?? UInt32(truncatingIfNeeded: mebibytes * 1024 * 1024)
        for value in [crc, size] {
            output.append(contentsOf: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)])
        }
        return output
    }
}
