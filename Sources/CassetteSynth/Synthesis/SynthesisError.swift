public import CassetteKit

/// Why the synthesizer cannot produce a value: what, where (as JSON pointers), next step.
public struct SynthesisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema location that cannot be satisfied (a pointer into the schema document).
    public let schemaLocation: JSONPointer
    /// The instance location being generated when it failed.
    public let instanceLocation: JSONPointer
    /// What is wrong and what to do.
    public let reason: String

    /// Creates an error.
    public init(schemaLocation: JSONPointer, instanceLocation: JSONPointer, reason: String) {
        self.schemaLocation = schemaLocation
        self.instanceLocation = instanceLocation
        self.reason = reason
    }

    public var description: String {
        let schema = schemaLocation.tokens.isEmpty ? "(root)" : schemaLocation.description
        let instance = instanceLocation.tokens.isEmpty ? "(document)" : instanceLocation.description
        return "cannot synthesize a value at \(instance) (schema \(schema)): \(reason)"
    }
}
