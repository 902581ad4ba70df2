import Foundation

/// The process's peak resident memory (Linux `VmHWM`), for tests that prove something was not
/// allocated. Returns 0 where `/proc` is not available.
public enum ResidentMemory {
    /// Peak resident set size in MiB.
    public static func peakMebibytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return digits / 1024
        }
        return 0
    }
}
