import CassetteKit

/// Turns a schema document (plus remotes and the built-in meta-schemas) into a ``CompiledSchema``.
///
/// Each schema location is compiled once; a reference compiles (or finds) its target and keeps
/// its index, so recursive references cost nothing at validation time.
struct SchemaCompiler {
    /// The base URI of a schema given without one.
    static let defaultBaseURI = "urn:cassette:schema:root"

    static let vocabularyPrefix = "https://json-schema.org/draft/2020-12/vocab/"

    var registry = SchemaRegistry()
    var nodes: [SchemaNode?] = []
    var memo: [SchemaLocation: Int] = [:]
    var compiledResources: Set<Int> = []
    var usesDynamicRef = false
    let formatAssertion: Bool
    var vocabularies = Vocabularies.all

    /// Which vocabularies' keywords are in force (all, unless the dialect's `$vocabulary` says otherwise).
    struct Vocabularies {
        var applicator = true
        var validation = true
        var unevaluated = true
        var formatAssertion = false

        static let all = Vocabularies()
    }

    init(formatAssertion: Bool) {
        self.formatAssertion = formatAssertion
    }

    static func compile(
        schema: JSONValue, baseURI: String?, remotes: [String: JSONValue], formatAssertion: Bool
    ) throws(SchemaError) -> CompiledSchema {
        var compiler = SchemaCompiler(formatAssertion: formatAssertion)
        let rootDocument = try compiler.registry.add(schema, retrievalURI: baseURI ?? defaultBaseURI)
        for key in remotes.keys.sorted() {
            guard let remote = remotes[key] else { continue }
            try compiler.registry.add(remote, retrievalURI: key)
        }
        try compiler.readVocabularies(of: schema)
        let root = try compiler.compileNode(at: SchemaLocation(document: rootDocument, pointer: .root))
        try compiler.compileDynamicAnchors()
        return try compiler.finish(root: root)
    }

    /// Compiles the schema at `location` (once), returning its node index.
    mutating func compileNode(at location: SchemaLocation) throws(SchemaError) -> Int {
        if let existing = memo[location] { return existing }
        let (base, resource) = registry.context(of: location)
        guard let value = registry.value(at: location) else {
            throw SchemaError(resource: base, location: location.pointer, reason: "no schema at this location")
        }
        let index = nodes.count
        nodes.append(nil)
        memo[location] = index
        compiledResources.insert(resource)
        let absolute = absoluteLocation(of: location, resource: resource)
        switch value {
        case .bool(let flag):
            nodes[index] = SchemaNode(kind: flag ? .alwaysValid : .alwaysInvalid, absoluteLocation: absolute, resource: resource)
        case .object(let object):
            var builder = NodeBuilder(location: location, base: base, resource: resource, object: object)
            let node = try builder.build(with: &self, absoluteLocation: absolute)
            nodes[index] = node
        default:
            throw SchemaError(
                resource: base, location: location.pointer,
                reason: "a schema must be an object or a boolean, found \(value.typeName)")
        }
        return index
    }

    /// Resolves a `$ref`/`$dynamicRef` value against `base` and compiles its target.
    mutating func compileReference(
        _ reference: String, base: String, keywordLocation: SchemaLocation
    ) throws(SchemaError) -> (index: Int, absolute: String) {
        let absolute = URIText.resolve(reference, against: base)
        let resourceURI = URIText.stripFragment(absolute)
        if !registry.hasResource(resourceURI), let meta = MetaSchemas.document(for: resourceURI) {
            try registry.add(meta, retrievalURI: resourceURI)
        }
        guard let target = registry.locate(absolute) else {
            let known = registry.hasResource(resourceURI)
            let reason =
                known
                ? "\"\(reference)\" (\(absolute)) names nothing in that schema: check the pointer or anchor"
                : "\"\(reference)\" (\(absolute)) points to an unknown schema: pass it in `remotes`, or fix the reference"
            throw SchemaError(resource: base, location: keywordLocation.pointer, reason: reason)
        }
        return (try compileNode(at: target), absolute)
    }

    private func absoluteLocation(of location: SchemaLocation, resource: Int) -> String {
        let uri = registry.resourceURIs[resource]
        guard let root = registry.resources[uri], root.document == location.document,
            location.pointer.tokens.starts(with: root.pointer.tokens)
        else { return uri + "#" + location.pointer.description }
        let relative = JSONPointer(tokens: Array(location.pointer.tokens.dropFirst(root.pointer.tokens.count)))
        return uri + "#" + relative.description
    }

    /// Applies the root's dialect: a meta-schema with `$vocabulary` switches vocabularies on or off.
    private mutating func readVocabularies(of schema: JSONValue) throws(SchemaError) {
        guard case .string(let dialect) = schema["$schema"] else { return }
        let uri = URIText.stripFragment(dialect)
        if !registry.hasResource(uri), let meta = MetaSchemas.document(for: uri) {
            try registry.add(meta, retrievalURI: uri)
        }
        guard let location = registry.locate(uri), case .object(let vocabulary)? = registry.value(at: location)?["$vocabulary"]
        else { return }
        let names = Set(vocabulary.keys)
        vocabularies.applicator = names.contains(Self.vocabularyPrefix + "applicator")
        vocabularies.validation = names.contains(Self.vocabularyPrefix + "validation")
        vocabularies.unevaluated = names.contains(Self.vocabularyPrefix + "unevaluated")
        vocabularies.formatAssertion = names.contains(Self.vocabularyPrefix + "format-assertion")
    }

    /// `$dynamicRef` may land on any `$dynamicAnchor` of a resource in the dynamic scope: compile
    /// those of every resource that has compiled nodes, until nothing new appears.
    private mutating func compileDynamicAnchors() throws(SchemaError) {
        guard usesDynamicRef else { return }
        var done: Set<Int> = []
        while let resource = compiledResources.subtracting(done).min() {
            done.insert(resource)
            for location in registry.dynamicAnchors[resource].values.sorted(by: { $0.pointer < $1.pointer }) {
                _ = try compileNode(at: location)
            }
        }
    }

    private func finish(root: Int) throws(SchemaError) -> CompiledSchema {
        let compiled = nodes.compactMap { $0 }
        guard compiled.count == nodes.count else {
            throw SchemaError(
                resource: registry.resourceURIs.first ?? "", location: .root, reason: "internal error: a schema was left uncompiled")
        }
        var anchors: [[String: Int]] = Array(repeating: [:], count: registry.resourceURIs.count)
        for (resource, names) in registry.dynamicAnchors.enumerated() {
            for (name, location) in names {
                if let index = memo[location] { anchors[resource][name] = index }
            }
        }
        try CycleCheck.rejectInPlaceCycles(compiled)
        return CompiledSchema(nodes: compiled, root: root, usesDynamicScope: usesDynamicRef, dynamicAnchors: anchors)
    }
}
