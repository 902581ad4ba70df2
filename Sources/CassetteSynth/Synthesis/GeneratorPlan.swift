import CassetteKit

/// The synthesizer's generator plan: every place of an instance reachable from the root, with
/// its schemas merged (`$ref`, `allOf`) and its `anyOf`/`oneOf` combinations resolved, compiled
/// once when the synthesizer is made. Generating a variant then walks plan nodes by index: no
/// merging, no lookups by schema location, no strings built to find a child.
///
/// The plan is an accelerator, never a second meaning: a place it does not cover (beyond its
/// size bound on a hostile schema, a merge that fails, more branch combinations than it keeps)
/// is generated the way it was before, from its schemas, with the same choices and errors.
struct GeneratorPlan: Sendable {
    /// The schemas that apply at one place of the instance (an object member, an array element).
    struct Site: Sendable {
        /// The schemas, for places generated without the plan.
        let references: [SchemaReference]
        /// The node, when no `anyOf`/`oneOf` choice is made here.
        let node: Int?
        /// The choices made here and the node each combination leads to.
        let branches: Branches?
    }

    /// The `anyOf`/`oneOf` groups of a site, chosen in one round, and the node of each
    /// combination (mixed radix, first group most significant; `nil` when it did not compile).
    struct Branches: Sendable {
        let groups: [BranchGroup]
        let nodes: [Int?]
    }

    /// One `anyOf`/`oneOf` group as the generator chooses among its options.
    struct BranchGroup: Sendable {
        let options: [Choice]
        /// The seed purpose: `branch` + the group's schema location.
        let purpose: String
        /// The coverage key: the field's schema location, `|`, the group's.
        let coverageKey: String
        /// The option the deterministic strategies take: the first that is not `type: null`.
        let firstNonNull: Int
    }

    /// A merged schema with its members and elements resolved to sites.
    final class Node: Sendable {
        let entry: MergedEntry
        /// The members in generation order (`nil` when the layout is generated without the plan).
        let object: ObjectLayout?
        /// The sites of the leading array elements (`prefixItems`, `contains`), then of every
        /// other element; `nil` when generated without the plan.
        let leadingElements: [Int?]?
        let otherElements: Int?
        /// The compiled patterns, format and examples, when strings are allowed here.
        let strings: StringPlan?

        init(entry: MergedEntry, object: ObjectLayout?, leadingElements: [Int?]?, otherElements: Int?, strings: StringPlan?) {
            self.entry = entry
            self.object = object
            self.strings = strings
            self.leadingElements = leadingElements
            self.otherElements = otherElements
        }
    }

    let sites: [Site]
    let nodes: [Node]

    /// The most sites one plan compiles (a hostile schema gets the rest generated without it).
    static let maximumSites = 2048
    /// The most nodes one plan compiles.
    static let maximumNodes = 4096
    /// The most branch combinations one site keeps.
    static let maximumCombinations = 64
    /// The most leading array elements a node resolves.
    static let maximumLeadingElements = 64

    /// The site of the document root.
    static let rootSite = 0

    /// Compiles the plan of `document` (merges land in `cache`, shared with places generated
    /// without the plan).
    init(document: SchemaDocument, cache: SynthesisCache) {
        var compiler = PlanCompiler(merger: SchemaMerger(document: document, cache: cache))
        _ = compiler.site([document.rootReference])
        compiler.run()
        sites = compiler.sites.map { $0 ?? Site(references: [], node: nil, branches: nil) }
        nodes = compiler.nodes
    }

    /// A plan that plans nothing: the root is generated from its schema, merging every place.
    init(unplanned document: SchemaDocument) {
        sites = [Site(references: [document.rootReference], node: nil, branches: nil)]
        nodes = []
    }
}

/// The members of an object node in generation order: `properties` order, then required names
/// it does not list, each with its site.
struct ObjectLayout: Sendable {
    struct Member: Sendable {
        let name: String
        let isRequired: Bool
        /// In `not: {required: [...]}`: left out.
        let isForbidden: Bool
        /// The presence choice's coverage key (the member's first schema location); `nil` when
        /// laid out for one value (made only if a choice is recorded).
        let coverageKey: String?
        let site: Int?
    }

    /// `required` with `dependentRequired` followed.
    let required: [String]
    let members: [Member]

    /// The layout of `merged`, with coverage keys when `keyed`; throws when a required member is
    /// also forbidden.
    init(_ merged: MergedSchema, at instance: JSONPointer, keyed: Bool, site: (String) -> Int?) throws(SynthesisError) {
        var required = merged.required
        var index = 0
        while index < required.count {
            for dependent in merged.dependentRequired[required[index]] ?? [] where !required.contains(dependent) {
                required.append(dependent)
            }
            index += 1
        }
        for name in required where merged.forbidden.contains(name) {
            throw SynthesisError(
                schemaLocation: merged.location, instanceLocation: instance,
                reason: "\"\(name)\" is both required and excluded (not: required); fix the schema")
        }
        var names = merged.propertyOrder
        for name in required where !names.contains(name) { names.append(name) }
        let requiredSet = Set(required)
        self.required = required
        members = names.map { name in
            Member(
                name: name, isRequired: requiredSet.contains(name), isForbidden: merged.forbidden.contains(name),
                coverageKey: keyed ? Self.coverageKey(name, merged) : nil, site: site(name))
        }
    }

    /// Where the presence of member `name` is counted: its first schema location.
    static func coverageKey(_ name: String, _ merged: MergedSchema) -> String {
        merged.properties[name]?.first?.pointer.description ?? (merged.location.description + "/" + name)
    }
}

/// What a string's generation looks up in its merged schema, looked up once: the compiled
/// patterns, the first pattern's generator, the asserted format, the string examples.
struct StringPlan: Sendable {
    /// One per pattern, `nil` for a pattern that does not compile (then no string matches).
    let matchers: [PatternMatcher?]
    let generator: PatternGenerator?
    let format: FormatKind?
    let examples: [String]

    init(_ merged: MergedSchema, matcher: (String) -> PatternMatcher?, generator: (String) -> PatternGenerator?) {
        matchers = merged.patterns.map(matcher)
        self.generator = merged.patterns.first.flatMap(generator)
        format = merged.format.flatMap { FormatKind(rawValue: $0) }
        examples = merged.examples.compactMap(\.stringValue)
    }

    /// Whether `text` matches every pattern.
    func matches(_ text: String) -> Bool {
        matchers.allSatisfy { $0?.matches(text) ?? false }
    }
}
