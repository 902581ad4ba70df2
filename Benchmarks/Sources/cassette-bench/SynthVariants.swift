import CassetteKit
import CassetteSynth
import Foundation

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
        var data = PrettyBodies.data(bodies)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }
}
