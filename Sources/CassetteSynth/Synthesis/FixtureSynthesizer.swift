public import CassetteKit
import Dispatch
import Synchronization

/// One synthesized value with a name saying what it exercises (`/user/human/phone: absent`).
public struct NamedVariant: Sendable, Hashable, CustomStringConvertible {
    /// What the variant exercises: `base`, or `<instance pointer>: <choice>`.
    public let name: String
    /// The value, valid against the schema.
    public let value: JSONValue

    /// Creates a named variant.
    public init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
    }

    /// The name (so test arguments read `/user/human/phone: absent`).
    public var description: String { name }
}

/// Makes schema-valid JSON values from a JSON Schema (draft 2020-12): deterministic by seed,
/// every value checked by ``JSONSchemaValidator`` before it is returned.
///
/// ```swift
/// let synthesizer = try FixtureSynthesizer(schema: ProviderSchemas.me(for: "zitadel"))
/// let bodies = try synthesizer.variants(count: 20, strategy: .random, seed: 7)
/// for edge in try synthesizer.edgeCases() { print(edge.name) }   // "/user/state: enum value 3", ...
/// ```
///
/// Randomness comes from the synthesizer's own SplitMix64 generator, seeded per instance
/// location from the root seed, so the same schema, seed and strategy give the same bytes on
/// every platform, and adding a property does not reshuffle its siblings. Fields marked
/// `x-secret` get `REDACTED_<n>` placeholders; fields marked `x-pii` get invented data
/// (`example.com` addresses, fictional phone numbers).
public struct FixtureSynthesizer: Sendable {
    /// The schema values are made from.
    public let schema: JSONValue
    /// The validator every value passes before it is returned.
    public let validator: JSONSchemaValidator
    /// The schema's `x-invariants`, which every value also satisfies.
    public let invariants: InvariantChecker
    let document: SchemaDocument
    /// Schema merges and compiled patterns shared by every variant.
    let cache = SynthesisCache()
    /// Every place of the schema compiled once into a generator plan.
    let plan: GeneratorPlan

    /// Tries per variant before a schema location is reported as unsatisfiable.
    public static let maximumAttempts = 24
    /// Tries for an edge case whose forced choice may be impossible in its context.
    static let forcedChoiceAttempts = 4
    /// The most variants one `edge` pass produces.
    public static let maximumEdgeCases = 2000

    /// Prepares a synthesizer for a self-contained schema (local `$ref`s only).
    ///
    /// - Throws: ``SynthesisError`` when the schema does not compile in the validator.
    public init(schema: JSONValue) throws(SynthesisError) {
        try self.init(schema: schema, planned: true)
    }

    /// A synthesizer with or without its generator plan (without: every place is merged as
    /// it is reached; the same values, more slowly; for tests that compare the two).
    package init(schema: JSONValue, planned: Bool) throws(SynthesisError) {
        self.schema = schema
        do {
            validator = try JSONSchemaValidator(schema: schema)
        } catch {
            throw SynthesisError(
                schemaLocation: error.location, instanceLocation: .root, reason: "the schema does not compile: \(error.reason)")
        }
        do {
            invariants = try InvariantChecker(schema: schema)
        } catch {
            throw SynthesisError(schemaLocation: error.location, instanceLocation: .root, reason: "bad x-invariants entry: \(error.reason)")
        }
        document = SchemaDocument(schema)
        plan = planned ? GeneratorPlan(document: document, cache: cache) : GeneratorPlan(unplanned: document)
    }

    /// `count` variants. `edge` gives the edge cases first (see ``edgeCases(seed:)``) and then
    /// the edge pass again under derived seeds; the other strategies give one variant per index.
    public func variants(count: Int, strategy: SynthesisStrategy = .random, seed: UInt64 = 0) throws(SynthesisError) -> [JSONValue] {
        guard count > 0 else { return [] }
        if strategy == .edge {
            var result: [JSONValue] = []
            var round: UInt64 = 0
            while result.count < count {
                let pass = try edgeCases(seed: round == 0 ? seed : SeedDerivation.derive(seed, "edge-round:\(round)"))
                result += pass.prefix(count - result.count).map(\.value)
                round += 1
            }
            return result
        }
        // Each index is independent of the others (seeded by index), so variants are made on
        // every core and come back in index order: the same bytes as one by one.
        let outcomes = Mutex([Result<JSONValue, SynthesisError>?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let outcome = Result { () throws(SynthesisError) -> JSONValue in
                try variant(strategy: strategy, seed: seed, index: index)
            }
            outcomes.withLock { $0[index] = outcome }
        }
        var result: [JSONValue] = []
        result.reserveCapacity(count)
        for outcome in outcomes.withLock({ $0 }) {
            switch outcome {
            case .success(let value)?: result.append(value)
            case .failure(let error)?: throw error
            case nil: throw SynthesisError(schemaLocation: .root, instanceLocation: .root, reason: "a variant was not produced")
            }
        }
        return result
    }

    /// The `index`-th variant of a run (independent of the others: `variant(index: 5)` is the
    /// sixth element of `variants(count: 6)` for the non-edge strategies).
    public func variant(strategy: SynthesisStrategy = .random, seed: UInt64 = 0, index: Int = 0) throws(SynthesisError) -> JSONValue {
        try produce(strategy: strategy, seed: seed, index: index, overrides: ChoiceOverrides()).value
    }

    /// The edge cases: a base variant (every optional field present), then one variant per
    /// choice not yet covered (each enum value, null for each nullable field, absence of each
    /// optional field, each `anyOf`/`oneOf` branch, empty and non-empty arrays, boundary sizes
    /// and lengths, non-ASCII and long strings), found by walking what each variant reveals.
    /// Choices that cannot be valid in context are left out.
    public func edgeCases(seed: UInt64 = 0) throws(SynthesisError) -> [NamedVariant] {
        let base = try produce(strategy: .edge, seed: seed, index: 0, overrides: ChoiceOverrides())
        var results = [NamedVariant(name: "base", value: base.value)]
        var covered = base.generator.taken
        var attempted: Set<String> = []
        var names: Set<String> = ["base"]
        var queue = base.generator.discovered.filter { !covered.contains($0.key) }.map { (ChoiceOverrides(), $0) }
        var head = 0
        while head < queue.count, results.count < Self.maximumEdgeCases {
            let (overrides, site) = queue[head]
            head += 1
            guard !covered.contains(site.key), !attempted.contains(site.key) else { continue }
            attempted.insert(site.key)
            let forced = overrides.adding(site.choice, at: site.instance)
            let outcome: (value: JSONValue, generator: ValueGenerator)
            do {
                outcome = try produce(
                    strategy: .edge, seed: seed, index: results.count, overrides: forced, attempts: Self.forcedChoiceAttempts)
            } catch {
                continue
            }
            guard outcome.generator.taken.contains(site.key) else { continue }
            let place = site.instance.isEmpty ? "(document)" : site.instance
            var name = "\(place): \(site.choice)"
            if names.contains(name), let schema = site.key.split(separator: "|").first {
                name += " (schema \(schema))"
            }
            names.insert(name)
            results.append(NamedVariant(name: name, value: outcome.value))
            covered.formUnion(outcome.generator.taken)
            for next in outcome.generator.discovered where !covered.contains(next.key) && !attempted.contains(next.key) {
                queue.append((forced, next))
            }
        }
        return results
    }

    /// Generates and validates, retrying with derived seeds; an error names the location that
    /// keeps failing.
    func produce(
        strategy: SynthesisStrategy, seed: UInt64, index: Int, overrides: ChoiceOverrides, attempts: Int = maximumAttempts
    ) throws(SynthesisError) -> (value: JSONValue, generator: ValueGenerator) {
        var lastValue: JSONValue?
        for attempt in 0..<attempts {
            var generator = ValueGenerator(
                document: document, strategy: strategy, seed: SeedDerivation.variant(seed, index, attempt: attempt), overrides: overrides,
                cache: cache, plan: plan)
            var value = try generator.generate(site: GeneratorPlan.rootSite, at: .root, name: nil, depth: 0)
            var relationsHold = true
            if !invariants.invariants.isEmpty { (value, relationsHold) = invariants.repairing(value) }
            if relationsHold, validator.isValid(value) { return (value, generator) }
            lastValue = value
        }
        let failure = lastValue.flatMap { validator.validate($0).first }
        if failure == nil, let value = lastValue, let broken = invariants.violations(in: value).first {
            throw SynthesisError(
                schemaLocation: broken.declaredAt, instanceLocation: .root,
                reason: "no value satisfying the invariants in \(attempts) attempts (last failure: \(broken))")
        }
        throw SynthesisError(
            schemaLocation: failure?.schemaLocation ?? .root, instanceLocation: failure?.instanceLocation ?? .root,
            reason: "no valid value in \(attempts) attempts (last failure: \(failure?.message ?? "unknown")); "
                + "the schema may be unsatisfiable here, or use a construct the synthesizer cannot aim at (not, if/then/else)")
    }
}
