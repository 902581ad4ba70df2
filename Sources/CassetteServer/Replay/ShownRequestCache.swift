import Synchronization

/// How recent requests were shown in the log (`GET /path` through `SafeDisplay`), so a client
/// asking the same path again and again does not pay the display path's scan each time.
/// Bounded: at most 512 entries of paths up to 256 bytes; longer paths are shown afresh.
final class ShownRequestCache: Sendable {
    private let entries = Mutex<[String: String]>([:])
    private static let capacity = 512
    private static let longestCachedPath = 256

    func shown(method: String, path: String) -> String {
        guard path.utf8.count <= Self.longestCachedPath else { return CassetteResponder.shownRequest(method, path) }
        let key = method + " " + path
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let shown = CassetteResponder.shownRequest(method, path)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = shown
        }
        return shown
    }
}
