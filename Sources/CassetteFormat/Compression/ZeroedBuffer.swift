import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Zero-filled byte buffers for inflating into. A large one (a 10,000-interaction cassette
/// inflates to about 30 MB) is mapped on Linux with transparent huge pages asked for, so that
/// filling it takes a few dozen page faults instead of thousands (the system's default is
/// `madvise`: huge pages only where asked). Elsewhere, and for small buffers, it is `Data(count:)`.
enum ZeroedBuffer {
    /// From this size on, a buffer is mapped with huge pages asked for.
    static let hugePageThreshold = 8 * 1024 * 1024

    /// `count` zero bytes.
    static func make(count: Int) -> Data {
        #if os(Linux)
            if count >= hugePageThreshold, let mapped = mapped(count: count) { return mapped }
        #endif
        return Data(count: count)
    }

    #if os(Linux)
        /// An anonymous private mapping (zero-filled by the kernel) of `count` bytes with
        /// `MADV_HUGEPAGE` asked for, unmapped when the `Data` is freed; `nil` when mapping fails.
        private static func mapped(count: Int) -> Data? {
            guard let base = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), base != MAP_FAILED
            else { return nil }
            // Advice only: without huge pages the mapping still works, page by page.
            _ = madvise(base, count, MADV_HUGEPAGE)
            // The whole mapping is unmapped whatever length the `Data` has shrunk to by then.
            return Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, _ in _ = munmap(pointer, count) })
        }
    #endif
}
