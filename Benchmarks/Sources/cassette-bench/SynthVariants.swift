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
    /// printed on every core: each element is printed alone and indented one level (a newline
    /// inside printed JSON is always layout, never part of a string).
    static func prettyArray(_ elements: [JSONValue]) -> Data {
        guard !elements.isEmpty else { return Data("[]\n".utf8) }
        let printed = Mutex([[UInt8]](repeating: [], count: elements.count))
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            let alone = JSONSerializer.data(elements[index], style: .pretty)
            var indented: [UInt8] = []
            indented.reserveCapacity(alone.count + alone.count / 4)
            indented.append(contentsOf: [0x0A, 0x20, 0x20])
            // Drop the final newline of the pretty element; indent every other line by two spaces.
            alone.withUnsafeBytes { bytes in
                let end = bytes.count - 1
                var start = 0
                while start < end {
                    guard let newline = bytes[start..<end].firstIndex(of: 0x0A) else {
                        indented.append(contentsOf: bytes[start..<end])
                        break
                    }
                    indented.append(contentsOf: bytes[start...newline])
                    indented.append(0x20)
                    indented.append(0x20)
                    start = newline + 1
                }
            }
            printed.withLock { $0[index] = indented }
        }
        var result: [UInt8] = [UInt8(ascii: "[")]
        let parts = printed.withLock { $0 }
        result.reserveCapacity(parts.reduce(2) { $0 + $1.count + 1 })
        for (position, element) in parts.enumerated() {
            if position > 0 { result.append(UInt8(ascii: ",")) }
            result.append(contentsOf: element)
        }
        result.append(contentsOf: [0x0A, UInt8(ascii: "]"), 0x0A])
        return Data(result)
    }
}
