import CassetteKit

/// Builds one instance from a schema document, making every choice from a seeded generator
/// derived from the variant seed and the instance location, or from forced ``ChoiceOverrides``.
///
/// The result is a candidate: ``FixtureSynthesizer`` validates it before returning it.
struct ValueGenerator {
    let document: SchemaDocument
    let merger: SchemaMerger
    let strategy: SynthesisStrategy
    let seed: UInt64
    let overrides: ChoiceOverrides
    /// Every place of the schema compiled once (``generate(site:at:name:depth:)``).
    let plan: GeneratorPlan
    /// Beyond this instance depth, optional parts are left out (recursive schemas end).
    let maximumDepth = 12

    /// Every choice that was available, for the `edge` planner.
    private(set) var discovered: [ChoiceSite] = []
    /// The coverage keys of the choices taken.
    private(set) var taken: Set<String> = []
    /// Secrets placed so far (numbers the `REDACTED_<n>` placeholders).
    var secretCount = 0

    init(
        document: SchemaDocument, strategy: SynthesisStrategy, seed: UInt64, overrides: ChoiceOverrides, cache: SynthesisCache,
        plan: GeneratorPlan
    ) {
        self.document = document
        self.plan = plan
        self.merger = SchemaMerger(document: document, cache: cache)
        self.strategy = strategy
        self.seed = seed
        self.overrides = overrides
    }

    /// The compiled matcher of a pattern (compiled once per synthesizer).
    func compiledPattern(_ source: String) -> PatternMatcher? {
        if let known = merger.known.matchers[source] { return known }
        return merger.cache.matcher(source)
    }

    /// The generator of a pattern (built once per synthesizer).
    func compiledPatternGenerator(_ source: String) -> PatternGenerator? {
        if let known = merger.known.generators[source] { return known }
        return merger.cache.generator(source)
    }

    /// The one invented person of this variant (drawn from the variant seed, not the location),
    /// so every personal field of a document describes the same someone.
    var person: FakeData.Person {
        var generator = SeededGenerator(seed: SeedDerivation.derive(seed, "person"))
        return FakeData.person(&generator)
    }

    /// A generator for one purpose at one instance location.
    func random(_ instance: InstancePlace, _ purpose: String) -> SeededGenerator {
        SeededGenerator(seed: SeedDerivation.derive(seed, place: instance, purpose: purpose))
    }

    /// Picks one of `options` at `instance`: the forced one if any, else `fallback`. Records the
    /// options as discovered and the pick as taken, keyed by the schema location `key`.
    ///
    /// Only the `edge` strategy records (its planner walks what each variant revealed); and only
    /// forced choices need the instance location as text. Other variants build no strings here.
    mutating func choose(
        _ options: [Choice], fallback: @autoclosure () -> Choice, key: @autoclosure () -> String, at instance: InstancePlace
    )
        -> Choice
    {
        let recording = strategy == .edge
        guard recording || !overrides.isEmpty else { return fallback() }
        let where_ = instance.description
        let key = key()
        if recording {
            for option in options {
                discovered.append(ChoiceSite(key: key + "|" + option.description, instance: where_, choice: option))
            }
        }
        var chosen = fallback()
        if let slot = options.first?.slot, let forced = overrides.choice(at: where_, slot: slot), options.contains(forced) {
            chosen = forced
        }
        if recording { taken.insert(key + "|" + chosen.description) }
        return chosen
    }

    // MARK: - Any value

    /// Generates a value for a planned site: the same choices, in the same order, as
    /// ``generate(_:at:name:depth:)`` on the site's schemas, without merging or lookups.
    mutating func generate(site id: Int, at instance: InstancePlace, name: String?, depth: Int) throws(SynthesisError) -> JSONValue {
        let site = plan.sites[id]
        if let node = site.node { return try generate(node: plan.nodes[node], at: instance, name: name, depth: depth) }
        if let branches = site.branches {
            var combination = 0
            var settled = true
            for group in branches.groups {
                var generator = random(instance, group.purpose)
                let fallback: Choice
                switch strategy {
                case .random: fallback = group.options[generator.below(group.options.count)]
                default: fallback = group.options[group.firstNonNull]
                }
                guard case .branch(_, let option) = choose(group.options, fallback: fallback, key: group.coverageKey, at: instance) else {
                    settled = false
                    break
                }
                combination = combination * group.options.count + option
            }
            if settled, let node = branches.nodes[combination] {
                return try generate(node: plan.nodes[node], at: instance, name: name, depth: depth)
            }
        }
        // Not planned here: the same choices again (seeded by place), then merged as before.
        return try generate(site.references, at: instance, name: name, depth: depth)
    }

    private mutating func generate(node: GeneratorPlan.Node, at instance: InstancePlace, name: String?, depth: Int) throws(SynthesisError)
        -> JSONValue
    {
        try generate(node.entry.schema, types: node.entry.candidateTypes, node: node, at: instance, name: name, depth: depth)
    }

    /// Generates a value satisfying all of `references` at `instance`.
    mutating func generate(_ references: [SchemaReference], at instance: InstancePlace, name: String?, depth: Int) throws(SynthesisError)
        -> JSONValue
    {
        var entry = try merger.merge(references, instance: instance.pointer)
        // Choices are keyed by the field's own schema location, so each field is covered.
        let field = entry.schema.location
        var extra: [SchemaReference] = []
        var decided: Set<JSONPointer> = []
        var rounds = 0
        while true {
            let pending = entry.schema.branchGroups.filter { !decided.contains($0.location) }
            if pending.isEmpty { break }
            rounds += 1
            guard rounds <= SchemaMerger.maximumFolding else {
                throw SynthesisError(
                    schemaLocation: entry.schema.location, instanceLocation: instance.pointer,
                    reason: "anyOf/oneOf nest without end (a reference cycle)")
            }
            for group in pending {
                decided.insert(group.location)
                let groupName = group.location.description
                let options = group.options.indices.map { Choice.branch(group: groupName, option: $0) }
                var generator = random(instance, "branch" + groupName)
                let fallback: Choice
                switch strategy {
                case .random: fallback = options[generator.below(options.count)]
                default: fallback = options[Self.firstNonNullBranch(group.options)]
                }
                guard
                    case .branch(_, let option) = choose(
                        options, fallback: fallback, key: field.description + "|" + groupName, at: instance)
                else { continue }
                extra.append(group.options[option])
            }
            entry = try merger.merge(references + extra, instance: instance.pointer)
        }
        return try generate(entry.schema, types: entry.candidateTypes, node: nil, at: instance, name: name, depth: depth)
    }

    static func firstNonNullBranch(_ options: [SchemaReference]) -> Int {
        options.firstIndex { $0.value["type"] != .string("null") } ?? 0
    }

    private mutating func generate(
        _ merged: MergedSchema, types: [String], node: GeneratorPlan.Node?, at instance: InstancePlace, name: String?, depth: Int
    ) throws(SynthesisError) -> JSONValue {
        if merged.impossible {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance.pointer, reason: "the schema allows no value here (false)")
        }
        if let constant = merged.constValue { return constant }
        if let values = merged.enumValues {
            let allowed = values.filter { Self.typeAdmits(merged, $0) }
            guard !allowed.isEmpty else {
                throw SynthesisError(
                    schemaLocation: merged.location, instanceLocation: instance.pointer,
                    reason: "no enum value also meets the other constraints (type, allOf); fix the schema")
            }
            var generator = random(instance, "enum")
            let options = values.indices.filter { Self.typeAdmits(merged, values[$0]) }.map { Choice.enumValue($0) }
            let fallback = options[generator.below(options.count)]
            guard case .enumValue(let index) = choose(options, fallback: fallback, key: merged.location.description, at: instance) else {
                return allowed[0]
            }
            return values[index]
        }
        guard let first = types.first else {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance.pointer,
                reason: "no JSON type satisfies every `type` that applies here (type, $ref, allOf disagree)")
        }
        var type = first
        if types.count > 1 {
            var generator = random(instance, "type")
            let nonNull = types.filter { $0 != "null" }
            let fallback: String
            switch strategy {
            case .random: fallback = types.contains("null") && generator.chance(1, in: 4) ? "null" : (generator.pick(nonNull) ?? first)
            default: fallback = depth > maximumDepth && types.contains("null") ? "null" : (nonNull.first ?? first)
            }
            if case .type(let chosen) = choose(
                types.map { Choice.type($0) }, fallback: .type(fallback), key: merged.location.description, at: instance)
            {
                type = chosen
            }
        }
        switch type {
        case "null": return .null
        case "boolean":
            var generator = random(instance, "boolean")
            return .bool(generator.chance(1, in: 2))
        case "integer", "number": return try number(merged, integer: type == "integer", at: instance, name: name)
        case "string": return try string(merged, node: node, at: instance, name: name)
        case "array": return try array(merged, node: node, at: instance, depth: depth)
        default: return try object(merged, node: node, at: instance, depth: depth)
        }
    }

    /// The types allowed here, in a fixed order (non-null first), inferred from the keywords
    /// when `type` is absent.
    static func candidateTypes(_ merged: MergedSchema) -> [String] {
        let order = ["object", "array", "string", "integer", "number", "boolean", "null"]
        if let types = merged.types {
            var result = order.filter { types.contains($0) }
            if types.contains("number") { result.removeAll { $0 == "integer" } }
            return result
        }
        if !merged.properties.isEmpty || !merged.required.isEmpty || !merged.additional.isEmpty || !merged.patternProperties.isEmpty {
            return ["object"]
        }
        if !merged.items.isEmpty || !merged.prefixItems.isEmpty || !merged.contains.isEmpty { return ["array"] }
        if !merged.patterns.isEmpty || merged.format != nil || merged.minLength > 0 || merged.maxLength != nil { return ["string"] }
        if merged.minimum != nil || merged.maximum != nil || merged.multipleOf != nil { return ["number"] }
        return ["null"]
    }

    static func typeAdmits(_ merged: MergedSchema, _ value: JSONValue) -> Bool {
        guard merged.types != nil else { return true }
        switch value {
        case .null: return merged.allows("null")
        case .bool: return merged.allows("boolean")
        case .string: return merged.allows("string")
        case .array: return merged.allows("array")
        case .object: return merged.allows("object")
        case .number(let number): return merged.allows("number") || (number.isInteger && merged.allows("integer"))
        }
    }
}
