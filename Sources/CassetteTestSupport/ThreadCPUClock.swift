import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time spent by the calling thread: a bound that other processes on a busy 2-core machine
/// cannot break (wall-clock time can), for the few tests whose issue demands a time bound.
public enum ThreadCPUClock {
    /// Seconds of CPU time the current thread has used.
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU seconds `body` took on this thread.
    public static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}
