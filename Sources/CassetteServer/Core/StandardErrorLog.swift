import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ServerLog {
    /// Lines on standard error, written by a thread of their own: a server answering thousands
    /// of requests a second writes its request lines in batches (one `write` for the lines of
    /// up to 2 ms), and an event loop never waits on the terminal. Lines keep their order;
    /// past 1 MiB waiting, the caller writes them itself, so memory stays bounded.
    public static let standardError = ServerLog { StandardErrorWriter.shared.append($0) }

    /// Writes the lines ``standardError`` still holds (before exiting).
    public static func flushStandardError() {
        StandardErrorWriter.shared.flush()
    }
}

/// The writer behind ``ServerLog/standardError``.
final class StandardErrorWriter: Sendable {
    static let shared = StandardErrorWriter()
    private static let backlogLimit = 1 << 20

    private let pending = Mutex<[UInt8]>([])
    private let wake = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in
            while true {
                wake.wait()
                // Let the lines of a busy moment gather: one write and one wake-up for many
                // requests, not one each (a line waits 2 ms at most).
                Thread.sleep(forTimeInterval: 0.002)
                flush()
            }
        }
        thread.name = "cassette-server-log"
        thread.start()
    }

    func append(_ line: String) {
        var bytes = Array(line.utf8)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        let (wasEmpty, overflow): (Bool, [UInt8]?) = pending.withLock { pending in
            let wasEmpty = pending.isEmpty
            pending += bytes
            guard pending.count > Self.backlogLimit else { return (wasEmpty, nil) }
            let all = pending
            pending.removeAll(keepingCapacity: true)
            return (wasEmpty, all)
        }
        if let overflow {
            Self.write(overflow)
        } else if wasEmpty {
            wake.signal()
        }
    }

    /// Writes whatever is waiting.
    func flush() {
        let batch = pending.withLock { pending in
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            return batch
        }
        if !batch.isEmpty { Self.write(batch) }
    }

    private static func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(2, $0.baseAddress, $0.count) }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
