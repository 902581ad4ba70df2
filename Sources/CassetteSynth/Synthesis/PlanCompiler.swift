import CassetteKit

/// Builds a ``GeneratorPlan`` breadth first from the root, within fixed bounds: sites, nodes,
/// branch combinations per site and merges in all. What falls outside is generated without the
/// plan, so a hostile schema costs a bounded compile and nothing else.
struct PlanCompiler {
    typealias Site = GeneratorPlan.Site

    let merger: SchemaMerger
    private(set) var sites: [Site?] = []
    private(set) var nodes: [GeneratorPlan.Node] = []
    private var siteReferences: [[SchemaReference]] = []
    private var siteIndex: [SynthesisCache.MergeKey: Int] = [:]
    private var nodeIndex: [SynthesisCache.MergeKey: Int] = [:]
    /// Merges left to spend.
    private var mergeBudget = 8192

    init(merger: SchemaMerger) {
        self.merger = merger
    }

    /// The id of the site of `references`, queued for compiling when new; `nil` beyond the bound.
    mutating func site(_ references: [SchemaReference]) -> Int? {
        let key = SynthesisCache.MergeKey(references.map(\.pointer))
        if let known = siteIndex[key] { return known }
        guard siteReferences.count < GeneratorPlan.maximumSites else { return nil }
        let id = siteReferences.count
        siteIndex[key] = id
        siteReferences.append(references)
        sites.append(nil)
        return id
    }

    /// Compiles every queued site (compiling one may queue more).
    mutating func run() {
        var next = 0
        while next < siteReferences.count {
            sites[next] = compileSite(siteReferences[next])
            next += 1
        }
    }

    private mutating func merge(_ references: [SchemaReference]) -> MergedEntry? {
        guard mergeBudget > 0 else { return nil }
        mergeBudget -= 1
        return try? merger.merge(references, instance: .root)
    }

    private mutating func compileSite(_ references: [SchemaReference]) -> Site {
        let unplanned = Site(references: references, node: nil, branches: nil)
        guard let entry = merge(references) else { return unplanned }
        let groups = entry.schema.branchGroups
        if groups.isEmpty { return Site(references: references, node: node(entry, references), branches: nil) }
        var combinations = 1
        for group in groups {
            guard !group.options.isEmpty else { return unplanned }
            combinations *= group.options.count
            guard combinations <= GeneratorPlan.maximumCombinations else { return unplanned }
        }
        let field = entry.schema.location.description
        let planned = groups.map { group in
            let name = group.location.description
            return GeneratorPlan.BranchGroup(
                options: group.options.indices.map { Choice.branch(group: name, option: $0) }, purpose: "branch" + name,
                coverageKey: field + "|" + name, firstNonNull: ValueGenerator.firstNonNullBranch(group.options))
        }
        let decided = Set(groups.map(\.location))
        var table: [Int?] = []
        for combination in 0..<combinations {
            var rest = combination
            var extra: [SchemaReference] = []
            for group in groups.reversed() {
                extra.append(group.options[rest % group.options.count])
                rest /= group.options.count
            }
            let chosen = references + extra.reversed()
            // One round of choices must settle the place; options that bring their own
            // anyOf/oneOf are generated without the plan.
            guard let merged = merge(chosen), merged.schema.branchGroups.allSatisfy({ decided.contains($0.location) }) else {
                table.append(nil)
                continue
            }
            table.append(node(merged, chosen))
        }
        return Site(references: references, node: nil, branches: GeneratorPlan.Branches(groups: planned, nodes: table))
    }

    /// The node of a merged schema, its members and elements queued as sites.
    private mutating func node(_ entry: MergedEntry, _ references: [SchemaReference]) -> Int? {
        let key = SynthesisCache.MergeKey(references.map(\.pointer))
        if let known = nodeIndex[key] { return known }
        guard nodes.count < GeneratorPlan.maximumNodes else { return nil }
        let merged = entry.schema
        let types = entry.candidateTypes
        var object: ObjectLayout?
        if types.contains("object") {
            let matcher = merger.cache.matcher
            object = try? ObjectLayout(merged, at: .root, keyed: true) { name in
                site(ValueGenerator.memberSchemas(name, in: merged, matcher: matcher))
            }
        }
        var leading: [Int?]?
        var others: Int?
        if types.contains("array") {
            let count = max(merged.prefixItems.count, merged.contains.isEmpty ? 0 : merged.minContains)
            if count <= GeneratorPlan.maximumLeadingElements {
                leading = (0..<count).map { site(ValueGenerator.elementSchemas(at: $0, in: merged)) }
                others = site(merged.items)
            }
        }
        var strings: StringPlan?
        if types.contains("string") {
            strings = StringPlan(merged, matcher: merger.cache.matcher, generator: merger.cache.generator)
        }
        let id = nodes.count
        nodes.append(
            GeneratorPlan.Node(entry: entry, object: object, leadingElements: leading, otherElements: others, strings: strings))
        nodeIndex[key] = id
        return id
    }
}
