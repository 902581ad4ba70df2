import CZlib
public import Foundation

/// Why bytes could not be compressed or decompressed.
public enum CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stream ended before its end marker (a cut-off download or copy).
    case truncated
    /// The bytes are not a valid stream (not gzip, flipped bits, wrong checksum).
    case corrupt(String)
    /// Decompressing would exceed the size cap; nothing beyond the cap was produced.
    case exceedsLimit(Int)
    /// zlib itself failed (out of memory, version mismatch).
    case zlib(String)
    /// The file's ``ReadBudget`` has no decompressed bytes left for this stream.
    case budgetExceeded(ReadBudgetExceeded)

    public var description: String {
        switch self {
        case .truncated: return "the compressed stream is truncated"
        case .corrupt(let detail): return "the compressed stream is corrupt (\(detail))"
        case .exceedsLimit(let limit): return "decompressed size exceeds the limit of \(limit) bytes"
        case .zlib(let detail): return "zlib failed (\(detail))"
        case .budgetExceeded(let refusal): return refusal.description
        }
    }
}

/// The one place that talks to zlib. Writes RFC 1952 gzip with a fixed header (mtime 0, no
/// name, OS "unknown") and a fixed compression level, so equal input gives equal bytes on every
/// platform; reads gzip, zlib and raw deflate with a hard cap on the output size.
public enum GzipCodec {
    /// The compression level every cassette is written with.
    public static let compressionLevel: Int32 = 9
    /// The default cap for decompressed output: 64 MiB.
    public static let defaultDecompressionLimit = 64 * 1024 * 1024

    /// The container a compressed stream uses.
    public enum Container: Sendable {
        /// RFC 1952 gzip.
        case gzip
        /// RFC 1950 zlib (what HTTP calls `deflate`), or raw RFC 1951 deflate when there is no header.
        case deflate
    }

    /// Whether the bytes start with the gzip magic number.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// Compresses into a deterministic gzip stream.
    public static func gzip(_ input: Data) throws(CompressionError) -> Data {
        var output = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF])
        output.append(try deflateRaw(input))
        appendLittleEndian(ParallelCRC32.checksum(input), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &output)
        return output
    }

    /// Decompresses a gzip (or, with `.deflate`, zlib or raw deflate) stream, refusing to produce
    /// more than `limit` bytes. Memory use stays near `limit` whatever the input claims.
    public static func decompress(
        _ input: Data,
        container: Container = .gzip,
        limit: Int = defaultDecompressionLimit
    ) throws(CompressionError) -> Data {
        switch container {
        case .gzip:
            return try inflate(input, windowBits: 15 + 16, limit: limit)
        case .deflate:
            let looksLikeZlib =
                input.count >= 2
                && (input[input.startIndex] & 0x0F) == 8
                && ((UInt16(input[input.startIndex]) << 8) | UInt16(input[input.startIndex + 1])) % 31 == 0
            return try inflate(input, windowBits: looksLikeZlib ? 15 : -15, limit: limit)
        }
    }

    /// Decompresses one stream of a file, drawing from that file's ``ReadBudget``: the output is
    /// capped at what the budget has left (and at `limit`, a per-stream cap), and what was
    /// produced is charged to the budget. Every decoder of one file (the cassette's gunzip, each
    /// body's gzip or deflate layer) passes the same budget, so the file's total is bounded.
    ///
    /// - Throws: ``CompressionError/budgetExceeded(_:)`` (naming the file and the limit) when the
    ///   budget runs out; ``CompressionError/exceedsLimit(_:)`` when this stream alone passes
    ///   `limit` (what it inflated is still charged); the other cases for damaged streams.
    public static func decompress(
        _ input: Data,
        container: Container = .gzip,
        budget: ReadBudget,
        limit: Int = Int.max
    ) throws(CompressionError) -> Data {
        let remaining = budget.remainingDecompressedBytes
        let cap = min(limit, remaining)
        let output: Data
        do {
            output = try decompress(input, container: container, limit: cap)
        } catch {
            guard case .exceedsLimit = error else { throw error }
            // The bytes inflated before the cap was hit were work done for this file: charged,
            // so many bodies that each stop at their own cap still end at the file's total.
            do {
                try budget.spendDecompressedBytes(cap + 1)
            } catch {
                throw .budgetExceeded(error)
            }
            throw error
        }
        do {
            try budget.spendDecompressedBytes(output.count)
        } catch {
            throw .budgetExceeded(error)
        }
        return output
    }

    /// Checks a gzip member's trailer (CRC-32 and size mod 2^32, its last 8 bytes) against the
    /// inflated bytes, with zlib's messages for a mismatch.
    private static func checkTrailer(of input: Data, against output: Data) throws(CompressionError) {
        guard input.count >= 18 else { throw .truncated }
        let end = input.endIndex
        guard littleEndianWord(input, at: end - 8) == ParallelCRC32.checksum(output) else { throw .corrupt("incorrect data check") }
        guard littleEndianWord(input, at: end - 4) == UInt32(truncatingIfNeeded: output.count) else {
            throw .corrupt("incorrect length check")
        }
    }

    /// The 32-bit little-endian word at `offset` (gzip's trailer fields).
    private static func littleEndianWord(_ data: Data, at offset: Int) -> UInt32 {
        UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
    }

    private static func appendLittleEndian(_ value: UInt32, to data: inout Data) {
        data.append(UInt8(value & 0xFF))
        data.append(UInt8((value >> 8) & 0xFF))
        data.append(UInt8((value >> 16) & 0xFF))
        data.append(UInt8((value >> 24) & 0xFF))
    }

    private static func deflateRaw(_ input: Data) throws(CompressionError) -> Data {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, compressionLevel, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib("deflateInit2 returned \(status)") }
        defer { deflateEnd(&stream) }
        var output = Data()
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let result: Int32 = input.withUnsafeBytes { raw -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(raw.count)
            var code: Int32 = Z_OK
            repeat {
                code = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    guard let base = buffer.baseAddress else { return Z_MEM_ERROR }
                    stream.next_out = base
                    stream.avail_out = uInt(chunkSize)
                    let code = deflate(&stream, Z_FINISH)
                    output.append(base, count: chunkSize - Int(stream.avail_out))
                    return code
                }
            } while code == Z_OK || (code == Z_BUF_ERROR && stream.avail_out == 0)
            return code
        }
        guard result == Z_STREAM_END else { throw .zlib("deflate returned \(result)") }
        return output
    }

    private static func inflate(_ input: Data, windowBits: Int32, limit: Int) throws(CompressionError) -> Data {
        var stream = z_stream()
        let status = inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib("inflateInit2 returned \(status)") }
        defer { inflateEnd(&stream) }
        if input.isEmpty { throw .truncated }
        // Inflate straight into a growing byte buffer; it never grows past limit + 1 bytes. A gzip
        // trailer states the size (mod 2^32): trusted only as a first guess, so one allocation
        // usually suffices.
        var initial = max(input.count * 4, 64 * 1024)
        if windowBits > 15, input.count >= 18 {
            let stated = Int(littleEndianWord(input, at: input.endIndex - 4))
            // Deflate cannot expand more than about 1032 to 1, so a larger claim is a lie.
            // A plausible claim is the first guess as it is: a small file then zeroes (and
            // allocates) its own size, not 64 KiB.
            if stated >= input.count, stated <= input.count * 1032 { initial = stated + 1 }
        }
        // A large gzip stream's checksum is checked here afterwards, on every core, instead of
        // by zlib on this thread as it inflates (ParallelCRC32); the trailer must then be the
        // input's last 8 bytes, which the end-of-stream check below already requires.
        let checksumAfterwards = windowBits > 15 && initial > ParallelCRC32.parallelThreshold && UsableCores.count > 1
        if checksumAfterwards, inflateValidate(&stream, 0) != Z_OK { throw .zlib("inflateValidate failed") }
        var output = ZeroedBuffer.make(count: min(initial, limit + 1))
        var produced = 0
        let outcome: Result<Void, CompressionError> = input.withUnsafeBytes { raw in
            stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(raw.count)
            while true {
                if produced == output.count {
                    if output.count > limit { return .failure(.exceedsLimit(limit)) }
                    output.count += min(output.count, limit + 1 - output.count)
                }
                let code = output.withUnsafeMutableBytes { rawOutput -> Int32 in
                    let buffer = rawOutput.bindMemory(to: Bytef.self)
                    guard let base = buffer.baseAddress else { return Z_MEM_ERROR }
                    let room = buffer.count - produced
                    stream.next_out = base.advanced(by: produced)
                    stream.avail_out = uInt(room)
                    let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced += room - Int(stream.avail_out)
                    return code
                }
                if produced > limit { return .failure(.exceedsLimit(limit)) }
                switch code {
                case Z_STREAM_END:
                    if stream.avail_in > 0, windowBits > 15 {
                        // Trailing bytes after a gzip member: another member or garbage.
                        return .failure(.corrupt("unexpected data after the end of the gzip stream"))
                    }
                    return .success(())
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { return .failure(.truncated) }
                    continue
                case Z_DATA_ERROR:
                    let message = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    return .failure(.corrupt(message))
                case Z_NEED_DICT:
                    return .failure(.corrupt("a preset dictionary is required"))
                case Z_MEM_ERROR:
                    return .failure(.zlib("out of memory"))
                default:
                    return .failure(.zlib("inflate returned \(code)"))
                }
            }
        }
        switch outcome {
        case .success:
            output.count = produced
            if checksumAfterwards { try checkTrailer(of: input, against: output) }
            return output
        case .failure(let error): throw error
        }
    }
}
