import CassetteKit
import Foundation

/// One benchmark figure, measured several times, printed as one JSON line on stdout for
/// `Benchmarks/python/table.py` to collect.
struct Measurement {
    /// Table row id (`replay-10000`, `open-10000`, `validate-wacht`, ...).
    var row: String
    /// `ours`, or the name of the alternative (`stub-urlprotocol`, `loopback-http`, ...).
    var side: String
    /// Unit of ``runs`` (`us/request`, `ms`, `docs/s`, ...).
    var unit: String
    /// `lower` or `higher`: which direction is better.
    var better: String
    /// One figure per run.
    var runs: [Double]
    /// Anything worth printing next to the figure (counts, validity, caveats).
    var note: String = ""

    /// Prints the measurement as one JSON line.
    func emit() {
        let document: JSONValue = .object(
            JSONObject([
                ("row", .string(row)), ("side", .string(side)), ("unit", .string(unit)), ("better", .string(better)),
                ("runs", .array(runs.map { .number(JSONNumber($0)) })), ("note", .string(note)),
            ]))
        FileHandle.standardOutput.write(Data((JSONSerializer.string(document) + "\n").utf8))
    }
}

/// Monotonic wall-clock timing.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds taken by an async `body`.
    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// A failure that ends the benchmark with a message on stderr and exit code 2.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
