import CassetteKit
import CassetteSynth
import Dispatch
import Foundation
import Synchronization

/// Row 3 without the root `cassette` binary: the library behind
/// `cassette synth PROVIDER --count N --seed S` (``Variants``, each variant validated before it
/// is kept), printing the same pretty JSON array.
struct SynthVariants {
    var provider: String
    var count: Int
    var seed: UInt64

    func run() throws {
        guard let builtIn = BuiltInProvider(rawValue: provider) else { throw BenchFailure("unknown provider `\(provider)`") }
        let variants = try Variants(of: builtIn, errors: false, strategy: .random, seed: seed, count: count)
        let bodies = variants.responses.map(\.body)
        var data = bodies.count == 1 ? JSONSerializer.data(bodies[0], style: .pretty) : Self.prettyArray(bodies)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    /// `JSONSerializer.data(.array(elements), style: .pretty)`, byte for byte, with the elements
    /// printed on every core: each element is printed as a one-element array, whose inside is
    /// the element at the array's indentation (`\n  {...}`), then the insides are joined.
    static func prettyArray(_ elements: [JSONValue]) -> Data {
        guard !elements.isEmpty else { return JSONSerializer.data(.array([]), style: .pretty) }
        let printed = Mutex([Data](repeating: Data(), count: elements.count))
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let alone = JSONSerializer.data(.array([elements[index]]), style: .pretty)
            // `[` + inside + `\n]\n`: keep the inside.
            let inside = alone.dropFirst().dropLast(3)
            printed.withLock { $0[index] = Data(inside) }
        }
        let parts = printed.withLock { $0 }
        var result = Data(capacity: parts.reduce(4) { $0 + $1.count + 1 })
        result.append(UInt8(ascii: "["))
        for (position, element) in parts.enumerated() {
            if position > 0 { result.append(UInt8(ascii: ",")) }
            result.append(element)
        }
        result.append(contentsOf: [0x0A, UInt8(ascii: "]"), 0x0A])
        return result
    }
}
