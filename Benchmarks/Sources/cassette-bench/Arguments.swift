/// `--name value` options after the subcommand, with typed lookups.
struct Arguments {
    private var values: [String: String] = [:]

    /// Parses `--name value` pairs.
    init(_ arguments: ArraySlice<String>) throws {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard name.hasPrefix("--"), let value = iterator.next() else {
                throw BenchFailure("expected `--name value` pairs, got `\(name)`")
            }
            values[String(name.dropFirst(2))] = value
        }
    }

    /// A required string option.
    func string(_ name: String) throws -> String {
        guard let value = values[name] else { throw BenchFailure("missing --\(name)") }
        return value
    }

    /// An optional string option.
    func optional(_ name: String) -> String? { values[name] }

    /// An integer option with a default.
    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw BenchFailure("--\(name) wants an integer, got `\(text)`") }
        return value
    }
}
