public import CassetteKit
import Dispatch
public import Foundation
import Synchronization

/// Synthesized bodies as `cassette synth` prints them, printed on every core.
public enum PrettyBodies {
    /// `JSONSerializer.data(bodies.count == 1 ? bodies[0] : .array(bodies), style: .pretty)`,
    /// byte for byte: one body alone, several as a pretty array.
    ///
    /// Each body of an array is printed on its own as a one-element pretty array, whose inside is
    /// the body at the array's indentation (`\n  {...}`); the insides are then joined. Thousands
    /// of variants print in about half the time on two cores.
    public static func data(_ bodies: [JSONValue]) -> Data {
        guard bodies.count > 1 else { return JSONSerializer.data(bodies.first ?? .array([]), style: .pretty) }
        let printed = Mutex([Data](repeating: Data(), count: bodies.count))
        DispatchQueue.concurrentPerform(iterations: bodies.count) { index in
            let alone = JSONSerializer.data(.array([bodies[index]]), style: .pretty)
            // `[` + inside + `\n]\n`: keep the inside.
            let inside = Data(alone.dropFirst().dropLast(3))
            printed.withLock { $0[index] = inside }
        }
        let parts = printed.withLock { $0 }
        var result = Data(capacity: parts.reduce(4) { $0 + $1.count + 1 })
        result.append(UInt8(ascii: "["))
        for (position, part) in parts.enumerated() {
            if position > 0 { result.append(UInt8(ascii: ",")) }
            result.append(part)
        }
        result.append(contentsOf: [0x0A, UInt8(ascii: "]"), 0x0A])
        return result
    }
}
