public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that readers only ever see the old content or the complete new content:
/// bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the
/// target. A failure at any point removes the temporary file and leaves the target as it was.
public enum AtomicFileWriter {
    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Darwin)
            Darwin.write(fd, buffer, count)
        #else
            Glibc.write(fd, buffer, count)
        #endif
    }

    /// Called after each chunk is written with the number of bytes written so far; a throw
    /// simulates a failure part-way (disk full, crash). For tests only.
    package typealias FailureInjection = @Sendable (_ bytesWritten: Int) throws -> Void

    /// Writes `data` to `url`, creating intermediate folders. Returns `false` without touching the
    /// file when it already holds exactly `data`.
    @discardableResult
    public static func write(_ data: Data, to url: URL) throws -> Bool {
        try write(data, to: url, injecting: nil)
    }

    @discardableResult
    package static func write(_ data: Data, to url: URL, injecting failure: FailureInjection?) throws -> Bool {
        let path = url.path
        if let existing = FileManager.default.contents(atPath: path), existing == data { return false }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CassetteError.io(path: folder.path, detail: "cannot create folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw CassetteError.io(path: path, detail: "cannot create a temporary file (\(String(cString: strerror(errno))))")
        }
        var closed = false
        do {
            defer { if !closed { close(descriptor) } }
            let chunkSize = 64 * 1024
            var written = 0
            try data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                while written < raw.count {
                    let count = systemWrite(descriptor, base.advanced(by: written), min(chunkSize, raw.count - written))
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw CassetteError.io(path: path, detail: "write failed (\(String(cString: strerror(errno))))")
                    }
                    written += count
                    try failure?(written)
                }
            }
            guard fsync(descriptor) == 0 else {
                throw CassetteError.io(path: path, detail: "fsync failed (\(String(cString: strerror(errno))))")
            }
            close(descriptor)
            closed = true
            guard rename(temporary.path, path) == 0 else {
                throw CassetteError.io(path: path, detail: "rename failed (\(String(cString: strerror(errno))))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        return true
    }
}
