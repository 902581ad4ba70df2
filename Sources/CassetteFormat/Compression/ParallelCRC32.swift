import CZlib
import Dispatch
import Foundation
import Synchronization

/// The CRC-32 of a large buffer (gzip's checksum), computed in pieces on every usable core and
/// combined with zlib's `crc32_combine`: the same value as one `crc32` pass over the whole.
///
/// Inflating a large cassette spends about a tenth of its single-threaded time on this checksum
/// when zlib computes it as it goes; the gzip reader turns zlib's check off for large streams
/// (`inflateValidate`) and checks the trailer with this instead; the gzip writer uses it too.
enum ParallelCRC32 {
    /// Below this many bytes one pass is as fast (threads cost more).
    static let parallelThreshold = 4 * 1024 * 1024
    /// The size of one piece.
    private static let pieceSize = 1024 * 1024

    /// The CRC-32 of `data`.
    static func checksum(_ data: Data) -> UInt32 {
        let cores = min(UsableCores.count, 8)
        guard cores > 1, data.count >= parallelThreshold else {
            return data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return 0 }
                return sequential(base, count: raw.count)
            }
        }
        let count = data.count
        let pieces = (count + pieceSize - 1) / pieceSize
        let sums = Mutex([UInt32](repeating: 0, count: pieces))
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * pieceSize
            let sum = data.withUnsafeBytes { raw -> UInt32 in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return 0 }
                return sequential(base.advanced(by: start), count: min(pieceSize, count - start))
            }
            sums.withLock { $0[piece] = sum }
        }
        var combined: uLong = 0
        for (piece, sum) in sums.withLock({ $0 }).enumerated() {
            let length = min(pieceSize, count - piece * pieceSize)
            combined = piece == 0 ? uLong(sum) : crc32_combine(combined, uLong(sum), off_t(length))
        }
        return UInt32(truncatingIfNeeded: combined)
    }

    /// One `crc32` pass (in chunks that fit zlib's `uInt`).
    private static func sequential(_ base: UnsafePointer<Bytef>, count: Int) -> UInt32 {
        var crc = crc32(0, nil, 0)
        var offset = 0
        while offset < count {
            let chunk = min(count - offset, Int(UInt32.max))
            crc = crc32(crc, base.advanced(by: offset), uInt(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
