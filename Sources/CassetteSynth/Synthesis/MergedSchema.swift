import CassetteKit
import Synchronization

/// The constraints of one instance location, gathered from a schema, its `$ref` targets and its
/// `allOf` members (they all apply at once), with `anyOf`/`oneOf` left as choices to make.
struct MergedSchema: Sendable {
    /// The first schema location folded in: names this node in coverage and errors.
    var location: JSONPointer
    /// `false` somewhere: nothing is allowed.
    var impossible = false
    var types: Set<String>?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    // Objects.
    var propertyOrder: [String] = []
    var properties: [String: [SchemaReference]] = [:]
    var patternProperties: [(String, SchemaReference)] = []
    var additional: [SchemaReference] = []
    var noAdditional = false
    var required: [String] = []
    /// Properties that must not appear (from `not: {required: [...]}`).
    var forbidden: Set<String> = []
    var minProperties = 0
    var maxProperties: Int?
    var dependentRequired: [String: [String]] = [:]
    // Arrays.
    var prefixItems: [[SchemaReference]] = []
    var items: [SchemaReference] = []
    var noItems = false
    var minItems = 0
    var maxItems: Int?
    var uniqueItems = false
    var contains: [SchemaReference] = []
    var minContains = 1
    // Strings.
    var minLength = 0
    var maxLength: Int?
    var patterns: [String] = []
    var format: String?
    // Numbers.
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?
    // Choices still to make: each group is an `anyOf` (exclusive: false) or `oneOf` (true).
    var branchGroups: [(location: JSONPointer, exclusive: Bool, options: [SchemaReference])] = []
    // Annotations.
    var secret: JSONValue?
    var pii: String?
    var examples: [JSONValue] = []

    init(location: JSONPointer) {
        self.location = location
    }

    /// Whether anything constrains strings (a free string gets the edge cases non-ASCII and long).
    var isFreeString: Bool { patterns.isEmpty && format == nil && secret == nil && enumValues == nil && constValue == nil }

    /// Whether the type set allows `name` (`integer` is allowed by `number`).
    func allows(_ name: String) -> Bool {
        guard let types else { return true }
        return types.contains(name) || (name == "integer" && types.contains("number"))
    }
}

/// A merged schema as the cache keeps it: shared by reference (a lookup retains one object,
/// not each of the schema's collections), with what the generator derives from it computed once.
final class MergedEntry: Sendable {
    let schema: MergedSchema
    /// ``ValueGenerator/candidateTypes(_:)`` of the schema.
    let candidateTypes: [String]

    init(_ schema: MergedSchema) {
        self.schema = schema
        candidateTypes = ValueGenerator.candidateTypes(schema)
    }
}

/// Folds schemas into a ``MergedSchema``.
struct SchemaMerger {
    let document: SchemaDocument
    /// Merges and compiled patterns, shared by every variant of one synthesizer.
    let cache: SynthesisCache
    /// What the cache held when this merger was made: looked up without taking the cache's
    /// lock, so variants made on every core do not queue on it once the cache is warm.
    let known: SynthesisCache.Snapshot

    init(document: SchemaDocument, cache: SynthesisCache) {
        self.document = document
        self.cache = cache
        self.known = cache.snapshot()
    }
    /// How deep `$ref`/`allOf` chains may go (recursive `$ref` with no progress is an error).
    static let maximumFolding = 64

    /// Folds every schema of `references` (all apply at `instance`).
    func merge(_ references: [SchemaReference], instance: JSONPointer) throws(SynthesisError) -> MergedEntry {
        let key = SynthesisCache.MergeKey(references.map(\.pointer))
        if let merged = known.merges[key] ?? cache.entry(key) { return merged }
        let merged = MergedEntry(try mergeUncached(references, instance: instance))
        cache.store(merged, for: key)
        return merged
    }

    private func mergeUncached(_ references: [SchemaReference], instance: JSONPointer) throws(SynthesisError) -> MergedSchema {
        var merged = MergedSchema(location: references.first?.pointer ?? .root)
        for reference in references {
            try fold(reference, into: &merged, instance: instance, depth: 0)
        }
        return merged
    }

    private func fold(_ reference: SchemaReference, into merged: inout MergedSchema, instance: JSONPointer, depth: Int)
        throws(SynthesisError)
    {
        guard depth < Self.maximumFolding else {
            throw SynthesisError(
                schemaLocation: reference.pointer, instanceLocation: instance,
                reason: "$ref/allOf nest deeper than \(Self.maximumFolding) without reaching a value (a reference cycle)")
        }
        let schema: JSONObject
        switch reference.value {
        case .bool(let flag):
            if !flag { merged.impossible = true }
            return
        case .object(let object):
            schema = object
        default:
            throw SynthesisError(
                schemaLocation: reference.pointer, instanceLocation: instance, reason: "a schema must be an object or a boolean")
        }
        let at = reference.pointer
        func child(_ keyword: String) -> SchemaReference? {
            schema[keyword].map { SchemaReference(value: $0, pointer: at.appending(keyword)) }
        }
        if case .string(let target)? = schema["$ref"] {
            try fold(
                try document.resolve(target, at: at.appending("$ref"), instance: instance), into: &merged, instance: instance,
                depth: depth + 1)
        }
        if schema["$dynamicRef"] != nil {
            throw SynthesisError(
                schemaLocation: at.appending("$dynamicRef"), instanceLocation: instance,
                reason: "$dynamicRef is not supported by the synthesizer; use $ref")
        }
        if case .array(let members)? = schema["allOf"] {
            for index in members.indices {
                try fold(
                    SchemaReference(value: members[index], pointer: at.appending("allOf").appending(index)), into: &merged,
                    instance: instance, depth: depth + 1)
            }
        }
        for (keyword, exclusive) in [("anyOf", false), ("oneOf", true)] {
            guard case .array(let options)? = schema[keyword] else { continue }
            let references = options.indices.map { SchemaReference(value: options[$0], pointer: at.appending(keyword).appending($0)) }
            merged.branchGroups.append((at.appending(keyword), exclusive, references))
        }
        foldValues(schema, into: &merged)
        foldObject(schema, at: at, into: &merged)
        foldArray(schema, at: at, into: &merged)
        foldScalars(schema, into: &merged)
        if let notSchema = child("not"), case .array(let names)? = notSchema.value["required"] {
            // `not: {required: [a, ...]}`: leaving out the first name is enough.
            if let first = names.first?.stringValue { merged.forbidden.insert(first) }
        }
        if let secret = schema["x-secret"], secret != .bool(false) { merged.secret = secret }
        if case .string(let kind)? = schema["x-pii"] { merged.pii = kind }
        if case .array(let examples)? = schema["examples"], merged.examples.isEmpty { merged.examples = examples }
    }

    private func foldValues(_ schema: JSONObject, into merged: inout MergedSchema) {
        if let type = schema["type"] {
            var names: Set<String> = []
            switch type {
            case .string(let name): names = [name]
            case .array(let elements): names = Set(elements.compactMap(\.stringValue))
            default: break
            }
            if let existing = merged.types {
                var intersection = existing.intersection(names)
                if existing.contains("number"), names.contains("integer") { intersection.insert("integer") }
                if names.contains("number"), existing.contains("integer") { intersection.insert("integer") }
                merged.types = intersection
            } else {
                merged.types = names
            }
        }
        if case .array(let values)? = schema["enum"] {
            if let existing = merged.enumValues {
                merged.enumValues = existing.filter { value in values.contains { $0.isSemanticallyEqual(to: value) } }
            } else {
                merged.enumValues = values
            }
        }
        if let value = schema["const"] { merged.constValue = value }
    }

    private func foldObject(_ schema: JSONObject, at: JSONPointer, into merged: inout MergedSchema) {
        if case .object(let properties)? = schema["properties"] {
            for member in properties.members {
                if merged.properties[member.key] == nil { merged.propertyOrder.append(member.key) }
                merged.properties[member.key, default: []].append(
                    SchemaReference(value: member.value, pointer: at.appending("properties").appending(member.key)))
            }
        }
        if case .object(let patterns)? = schema["patternProperties"] {
            for member in patterns.members {
                merged.patternProperties.append(
                    (member.key, SchemaReference(value: member.value, pointer: at.appending("patternProperties").appending(member.key))))
            }
        }
        if let additional = schema["additionalProperties"] {
            if additional == .bool(false) {
                merged.noAdditional = true
            } else {
                merged.additional.append(SchemaReference(value: additional, pointer: at.appending("additionalProperties")))
            }
        }
        if schema["unevaluatedProperties"] == .bool(false) { merged.noAdditional = true }
        if case .array(let names)? = schema["required"] {
            for name in names.compactMap(\.stringValue) where !merged.required.contains(name) { merged.required.append(name) }
        }
        if let count = schema["minProperties"]?.numberValue?.intValue { merged.minProperties = max(merged.minProperties, count) }
        if let count = schema["maxProperties"]?.numberValue?.intValue { merged.maxProperties = min(merged.maxProperties ?? count, count) }
        if case .object(let dependencies)? = schema["dependentRequired"] {
            for member in dependencies.members {
                merged.dependentRequired[member.key, default: []] += member.value.arrayValue?.compactMap(\.stringValue) ?? []
            }
        }
    }

    private func foldArray(_ schema: JSONObject, at: JSONPointer, into merged: inout MergedSchema) {
        if case .array(let prefix)? = schema["prefixItems"] {
            for index in prefix.indices {
                let reference = SchemaReference(value: prefix[index], pointer: at.appending("prefixItems").appending(index))
                if index < merged.prefixItems.count {
                    merged.prefixItems[index].append(reference)
                } else {
                    merged.prefixItems.append([reference])
                }
            }
        }
        if let items = schema["items"] {
            if items == .bool(false) {
                merged.noItems = true
            } else {
                merged.items.append(SchemaReference(value: items, pointer: at.appending("items")))
            }
        }
        if let contains = schema["contains"] { merged.contains.append(SchemaReference(value: contains, pointer: at.appending("contains"))) }
        if let count = schema["minContains"]?.numberValue?.intValue { merged.minContains = count }
        if let count = schema["minItems"]?.numberValue?.intValue { merged.minItems = max(merged.minItems, count) }
        if let count = schema["maxItems"]?.numberValue?.intValue { merged.maxItems = min(merged.maxItems ?? count, count) }
        if schema["uniqueItems"] == .bool(true) { merged.uniqueItems = true }
    }

    private func foldScalars(_ schema: JSONObject, into merged: inout MergedSchema) {
        if let count = schema["minLength"]?.numberValue?.intValue { merged.minLength = max(merged.minLength, count) }
        if let count = schema["maxLength"]?.numberValue?.intValue { merged.maxLength = min(merged.maxLength ?? count, count) }
        if case .string(let pattern)? = schema["pattern"] { merged.patterns.append(pattern) }
        if case .string(let format)? = schema["format"], merged.format == nil { merged.format = format }
        func number(_ keyword: String) -> Double? { schema[keyword]?.numberValue?.doubleValue }
        if let value = number("minimum") { merged.minimum = max(merged.minimum ?? value, value) }
        if let value = number("maximum") { merged.maximum = min(merged.maximum ?? value, value) }
        if let value = number("exclusiveMinimum") { merged.exclusiveMinimum = max(merged.exclusiveMinimum ?? value, value) }
        if let value = number("exclusiveMaximum") { merged.exclusiveMaximum = min(merged.exclusiveMaximum ?? value, value) }
        if let value = number("multipleOf"), value > 0 { merged.multipleOf = value }
    }
}

/// What every variant of one synthesizer would otherwise compute again: merged schemas by the
/// document locations they were merged from, and compiled patterns. A merge depends only on
/// those locations (the instance location only names errors, and failed merges are not kept).
final class SynthesisCache: Sendable {
    private let merges = Mutex<[MergeKey: MergedEntry]>([:])
    private let matchers = Mutex<[String: PatternMatcher?]>([:])
    private let generators = Mutex<[String: PatternGenerator?]>([:])

    /// The cache's contents at one moment (copy-on-write: taking it copies nothing).
    struct Snapshot: Sendable {
        let merges: [MergeKey: MergedEntry]
        let matchers: [String: PatternMatcher?]
        let generators: [String: PatternGenerator?]
    }

    /// What the cache holds now, for lookups without the lock.
    func snapshot() -> Snapshot {
        Snapshot(
            merges: merges.withLock { $0 }, matchers: matchers.withLock { $0 }, generators: generators.withLock { $0 })
    }

    func entry(_ key: MergeKey) -> MergedEntry? {
        merges.withLock { $0[key] }
    }

    func store(_ merged: MergedEntry, for key: MergeKey) {
        merges.withLock { $0[key] = merged }
    }

    /// Schema locations with their FNV-1a digest computed once: the dictionary hashes eight
    /// bytes instead of every token of every pointer.
    struct MergeKey: Hashable, Sendable {
        let pointers: [JSONPointer]
        let digest: UInt64

        init(_ pointers: [JSONPointer]) {
            self.pointers = pointers
            var hash = FNV1a()
            for pointer in pointers {
                for token in pointer.tokens {
                    hash.add(token)
                    hash.add(0x2F)
                }
                hash.add(0xFF)
            }
            digest = hash.value
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }

        static func == (lhs: MergeKey, rhs: MergeKey) -> Bool {
            lhs.digest == rhs.digest && lhs.pointers == rhs.pointers
        }
    }

    /// The compiled matcher of a pattern, `nil` when it does not compile.
    func matcher(_ source: String) -> PatternMatcher? {
        if let known = matchers.withLock({ $0[source] }) { return known }
        let compiled = try? PatternMatcher(source)
        matchers.withLock { $0[source] = .some(compiled) }
        return compiled
    }

    /// The generator of a pattern, `nil` outside the supported subset.
    func generator(_ source: String) -> PatternGenerator? {
        if let known = generators.withLock({ $0[source] }) { return known }
        let compiled = try? PatternGenerator(source)
        generators.withLock { $0[source] = .some(compiled) }
        return compiled
    }
}
