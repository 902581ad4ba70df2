import CassetteKit

extension ValueGenerator {
    /// Names offered to `additionalProperties` / `patternProperties`-only objects.
    static let extraKeys = ["welcome", "onboarding", "announcement", "beta", "tour"]

    mutating func object(_ merged: MergedSchema, node: GeneratorPlan.Node?, at instance: InstancePlace, depth: Int) throws(SynthesisError)
        -> JSONValue
    {
        let layout: ObjectLayout
        if let planned = node?.object {
            layout = planned
        } else {
            layout = try ObjectLayout(merged, at: instance.pointer, keyed: false) { _ in nil }
        }
        let required = layout.required
        var result = JSONObject()
        var skipped: [String] = []
        for member in layout.members {
            let name = member.name
            let place = instance.appending(name)
            if !member.isRequired {
                if member.isForbidden { continue }
                var generator = random(place, "presence")
                let fallback: Choice
                switch strategy {
                case .minimal: fallback = .absent
                case .maximal, .edge: fallback = depth >= maximumDepth ? .absent : .present
                case .random: fallback = depth < maximumDepth && generator.chance(3, in: 5) ? .present : .absent
                }
                if choose(
                    [.present, .absent], fallback: fallback,
                    key: member.coverageKey ?? ObjectLayout.coverageKey(name, merged), at: place) == .absent
                {
                    skipped.append(name)
                    continue
                }
            }
            if let site = member.site {
                result[name] = try generate(site: site, at: place, name: name, depth: depth + 1)
            } else {
                result[name] = try generate(schemas(for: name, in: merged), at: place, name: name, depth: depth + 1)
            }
        }
        var generator = random(instance, "extra")
        var extras = 0
        if !merged.noAdditional, !merged.additional.isEmpty || !merged.patternProperties.isEmpty {
            switch strategy {
            case .minimal: extras = 0
            case .maximal, .edge: extras = depth >= maximumDepth ? 0 : 1
            case .random: extras = depth >= maximumDepth ? 0 : generator.below(3)
            }
        }
        while result.count < merged.minProperties, !skipped.isEmpty {
            let name = skipped.removeFirst()
            result[name] = try generate(schemas(for: name, in: merged), at: instance.appending(name), name: name, depth: depth + 1)
        }
        if !merged.noAdditional { extras = max(extras, merged.minProperties - result.count) }
        var attempts = 0
        while extras > 0, attempts < 32 {
            attempts += 1
            let name = extraName(merged, number: attempts, generator: &generator)
            guard result[name] == nil, !merged.forbidden.contains(name) else { continue }
            result[name] = try generate(schemas(for: name, in: merged), at: instance.appending(name), name: name, depth: depth + 1)
            extras -= 1
        }
        if let maximum = merged.maxProperties, result.count > maximum {
            let removable = result.keys.filter { !required.contains($0) }.reversed()
            for name in removable where result.count > maximum { result[name] = nil }
        }
        return .object(result)
    }

    /// The schemas that apply to property `name`: its `properties` entry and matching
    /// `patternProperties`, else `additionalProperties`.
    private func schemas(for name: String, in merged: MergedSchema) -> [SchemaReference] {
        Self.memberSchemas(name, in: merged) { compiledPattern($0) }
    }

    /// The schemas that apply to property `name`, with `matcher` compiling patterns.
    static func memberSchemas(_ name: String, in merged: MergedSchema, matcher: (String) -> PatternMatcher?) -> [SchemaReference] {
        var result = merged.properties[name] ?? []
        for (source, schema) in merged.patternProperties where matcher(source)?.matches(name) ?? false {
            result.append(schema)
        }
        if merged.properties[name] == nil, result.isEmpty { result = merged.additional }
        return result
    }

    /// The schemas that apply to the array element at `position`.
    static func elementSchemas(at position: Int, in merged: MergedSchema) -> [SchemaReference] {
        var schemas: [SchemaReference] = position < merged.prefixItems.count ? merged.prefixItems[position] : merged.items
        if position < merged.minContains, !merged.contains.isEmpty { schemas += merged.contains }
        return schemas
    }

    /// A key for an extra property: one matching a pattern property when there is one.
    private func extraName(_ merged: MergedSchema, number: Int, generator: inout SeededGenerator) -> String {
        if merged.additional.isEmpty, let (source, _) = merged.patternProperties.first {
            var patternGenerator = generator
            if let name = compiledPatternGenerator(source)?.generate(using: &patternGenerator) {
                generator = patternGenerator
                return name
            }
        }
        let base = Self.extraKeys[generator.below(Self.extraKeys.count)]
        return number > Self.extraKeys.count ? "\(base)\(number)" : base
    }

    mutating func array(_ merged: MergedSchema, node: GeneratorPlan.Node?, at instance: InstancePlace, depth: Int) throws(SynthesisError)
        -> JSONValue
    {
        var minimum = merged.minItems
        var maximum = merged.maxItems
        if merged.noItems { maximum = min(maximum ?? merged.prefixItems.count, merged.prefixItems.count) }
        if !merged.contains.isEmpty { minimum = max(minimum, merged.minContains) }
        if let maximum, maximum < minimum {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance.pointer,
                reason: "minItems (\(minimum)) is above maxItems (\(maximum)); no array fits")
        }
        var generator = random(instance, "size")
        let upper = min(maximum ?? (minimum + 3), minimum + 64)
        var count: Int
        switch strategy {
        case .minimal: count = minimum
        case .maximal: count = min(max(minimum, 2), upper)
        case .edge: count = min(max(minimum, 1), upper)
        case .random: count = generator.between(minimum, min(upper, minimum + 3))
        }
        if depth >= maximumDepth { count = minimum }
        var options: [Choice] = []
        if minimum == 0 { options += [.empty, .nonEmpty] }
        if maximum != nil, upper > minimum { options.append(.highest) }
        if minimum > 0 { options.append(.lowest) }
        // An unbounded array with a minimum: one element more than the minimum is its other size.
        if minimum > 0, maximum == nil, upper > minimum { options.append(.long) }
        if !options.isEmpty {
            let fallback: Choice = count == 0 ? (minimum == 0 ? .empty : .lowest) : (minimum == 0 ? .nonEmpty : .lowest)
            let forced = choose(options, fallback: fallback, key: merged.location.description, at: instance)
            if forced != fallback {
                switch forced {
                case .empty: count = 0
                case .nonEmpty: count = max(count, 1)
                case .highest: count = upper
                case .lowest: count = minimum
                case .long: count = minimum + 1
                default: break
                }
            }
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(count)
        for position in 0..<count {
            let place = instance.appending(position)
            var site: Int?
            if let leading = node?.leadingElements { site = position < leading.count ? leading[position] : node?.otherElements }
            var element: JSONValue
            if let site {
                element = try generate(site: site, at: place, name: nil, depth: depth + 1)
            } else {
                element = try generate(Self.elementSchemas(at: position, in: merged), at: place, name: nil, depth: depth + 1)
            }
            if merged.uniqueItems {
                let schemas = Self.elementSchemas(at: position, in: merged)
                var retry = 0
                while elements.contains(where: { $0.isSemanticallyEqual(to: element) }) {
                    retry += 1
                    guard retry <= 16 else {
                        throw SynthesisError(
                            schemaLocation: merged.location, instanceLocation: place.pointer,
                            reason: "uniqueItems: could not find \(count) distinct items; lower minItems or widen the items schema")
                    }
                    var retrying = ValueGenerator(
                        document: document, strategy: .random, seed: SeedDerivation.derive(seed, "unique:\(place):\(retry)"),
                        overrides: overrides, cache: merger.cache, plan: plan)
                    retrying.secretCount = secretCount
                    element = try retrying.generate(schemas, at: place, name: nil, depth: depth + 1)
                    secretCount = retrying.secretCount
                }
            }
            elements.append(element)
        }
        return .array(elements)
    }
}
