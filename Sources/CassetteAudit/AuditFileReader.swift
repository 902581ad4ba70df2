import CassetteFormat
import Foundation

/// Reads the files the audit walks: one `open`, `fstat` and `read` per file into a buffer of the
/// file's size, with no existence check before and no path conversions (the audit reads a
/// thousand small cassettes per run, where those calls were a tenth of its time). Anything
/// unusual (not a regular file, unreadable, larger than the limit, changing while read) goes to
/// `CassetteFile.readBytes(_:limit:)`, so errors are reported exactly as everywhere else.
enum AuditFileReader {
    static func read(_ url: URL, limit: Int) throws(CassetteError) -> Data {
        if url.isFileURL, let data = url.withUnsafeFileSystemRepresentation({ $0.flatMap { readRegularFile($0, limit: limit) } }) {
            return data
        }
        return try CassetteFile.readBytes(url, limit: limit)
    }

    /// The whole file, or `nil` for anything but a regular file of at most `limit` bytes read
    /// without surprises.
    private static func readRegularFile(_ path: UnsafePointer<CChar>, limit: Int) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= 0,
            status.st_size <= limit
        else { return nil }
        let size = Int(status.st_size)
        // One byte more than the size, to notice a file that grew since `fstat`.
        var data = Data(count: size + 1)
        var filled = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            while filled < buffer.count {
                let count = Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count == 0 { return true }
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                filled += count
            }
            return false
        }
        guard complete, filled == size else { return nil }
        data.count = size
        return data
    }
}
