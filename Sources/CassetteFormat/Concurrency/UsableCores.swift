import Foundation

/// How many cores this process may run on, for work split across threads (the parallel HAR
/// decode, preparing a large cassette's requests).
///
/// `ProcessInfo.activeProcessorCount` counts the machine's cores even when the process is
/// confined to fewer (`taskset`, a container's cpuset): splitting work into slices for cores the
/// process cannot use only adds the cost of splitting and of switching threads on one core. On
/// Linux the process's CPU affinity mask (`Cpus_allowed` in `/proc/self/status`) bounds the count.
package enum UsableCores {
    /// The cores available to this process, at least 1 (read once).
    package static let count: Int = {
        let machine = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        #if os(Linux)
            if let allowed = affinityCount(), allowed > 0 { return min(machine, allowed) }
        #endif
        return machine
    }()

    /// The number of CPUs in this process's affinity mask, or `nil` when it cannot be read.
    static func affinityCount() -> Int? {
        guard let status = FileManager.default.contents(atPath: "/proc/self/status") else { return nil }
        return allowedCount(status: status)
    }

    /// Counts the bits of the `Cpus_allowed:` line of a `/proc/PID/status` text (a hexadecimal
    /// mask in comma-separated groups: `ff,ffffffff`).
    static func allowedCount(status: Data) -> Int? {
        let text = String(decoding: status.prefix(64 * 1024), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            var bits = 0
            for character in line.dropFirst("Cpus_allowed:".count) {
                guard let digit = character.hexDigitValue else { continue }
                bits += digit.nonzeroBitCount
            }
            return bits
        }
        return nil
    }
}
