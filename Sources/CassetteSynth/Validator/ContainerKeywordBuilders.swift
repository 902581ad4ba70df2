import CassetteKit

/// Compiles the keywords that apply to objects.
struct ObjectKeywordBuilder {
    let node: NodeBuilder

    mutating func build(with compiler: inout SchemaCompiler, applicators: Bool, assertions: Bool) throws(SchemaError) -> [Keyword] {
        var keywords: [Keyword] = []
        let object = node.object
        var requiredPosition: Int?
        var requiredNames: [String] = []
        if assertions {
            if let required = object["required"] {
                let names = try stringArray(required, keyword: "required")
                if !names.isEmpty {
                    requiredPosition = keywords.count
                    requiredNames = names
                    keywords.append(.required(names))
                }
            }
            if object["minProperties"] != nil { keywords.append(.minProperties(try node.count("minProperties"))) }
            if object["maxProperties"] != nil { keywords.append(.maxProperties(try node.count("maxProperties"))) }
            if let dependent = object["dependentRequired"] {
                guard case .object(let map) = dependent else { throw node.error("dependentRequired", "must be an object") }
                var pairs: [(String, [String])] = []
                for member in map.members {
                    pairs.append((member.key, try stringArray(member.value, keyword: "dependentRequired")))
                }
                keywords.append(.dependentRequired(pairs))
            }
        }
        guard applicators else { return keywords }
        if var applicator = try propertyApplicator(&compiler) {
            if let requiredPosition, !requiredNames.isEmpty, requiredNames.allSatisfy({ applicator.named[$0] != nil }) {
                // Checked by the member pass on the fast path (see `PropertyApplicator.required`).
                let marked = try propertyApplicator(&compiler, required: Set(requiredNames)) ?? applicator
                applicator = PropertyApplicator(
                    named: marked.named, patterns: marked.patterns, additional: marked.additional,
                    hasProperties: marked.hasProperties, required: requiredNames)
                keywords[requiredPosition] = .requiredByProperties(requiredNames)
            }
            keywords.append(.properties(applicator))
        }
        if object["dependentSchemas"] != nil {
            keywords.append(.dependentSchemas(try node.schemaMap("dependentSchemas", &compiler)))
        }
        if case .object(let legacy)? = object["dependencies"] {
            // Draft 7's combined keyword, still common in the wild.
            var names: [(String, [String])] = []
            var schemas: [(String, Int)] = []
            for member in legacy.members {
                if case .array = member.value {
                    names.append((member.key, try stringArray(member.value, keyword: "dependencies")))
                } else {
                    let at = node.location.appending("dependencies").appending(member.key)
                    schemas.append((member.key, try compiler.compileNode(at: at)))
                }
            }
            if !names.isEmpty { keywords.append(.dependentRequired(names)) }
            if !schemas.isEmpty { keywords.append(.dependentSchemas(schemas)) }
        }
        if object["propertyNames"] != nil { keywords.append(.propertyNames(try node.schema("propertyNames", &compiler))) }
        return keywords
    }

    private func propertyApplicator(
        _ compiler: inout SchemaCompiler, required: Set<String> = []
    ) throws(SchemaError) -> PropertyApplicator? {
        let object = node.object
        guard object["properties"] != nil || object["patternProperties"] != nil || object["additionalProperties"] != nil
        else { return nil }
        var named: [String: Int] = [:]
        if object["properties"] != nil {
            for (name, index) in try node.schemaMap("properties", &compiler) { named[name] = index }
        }
        var patterns: [PropertyApplicator.PatternProperty] = []
        if object["patternProperties"] != nil {
            for (source, index) in try node.schemaMap("patternProperties", &compiler) {
                patterns.append(.init(pattern: try node.compilePattern(source, keyword: "patternProperties"), schema: index))
            }
        }
        let additional = object["additionalProperties"] == nil ? nil : try node.schema("additionalProperties", &compiler)
        return PropertyApplicator(
            named: PropertyNameTable(named, required: required), patterns: patterns, additional: additional,
            hasProperties: object["properties"] != nil)
    }

    private func stringArray(_ value: JSONValue, keyword: String) throws(SchemaError) -> [String] {
        guard case .array(let elements) = value else { throw node.error(keyword, "must be an array of strings") }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else { throw node.error(keyword, "must be an array of strings") }
            names.append(name)
        }
        return names
    }
}

/// Compiles the keywords that apply to arrays.
struct ArrayKeywordBuilder {
    let node: NodeBuilder

    mutating func build(with compiler: inout SchemaCompiler, applicators: Bool, assertions: Bool) throws(SchemaError) -> [Keyword] {
        var keywords: [Keyword] = []
        let object = node.object
        if assertions {
            if object["minItems"] != nil { keywords.append(.minItems(try node.count("minItems"))) }
            if object["maxItems"] != nil { keywords.append(.maxItems(try node.count("maxItems"))) }
            if case .bool(true)? = object["uniqueItems"] { keywords.append(.uniqueItems) }
        }
        guard applicators else { return keywords }
        var prefix: [Int] = []
        var rest: Int?
        if case .array? = object["items"] {
            // Draft 2019-09's array form: positional schemas, then `additionalItems`.
            prefix = try node.schemaArray("items", &compiler)
            if object["additionalItems"] != nil { rest = try node.schema("additionalItems", &compiler) }
        } else {
            if object["prefixItems"] != nil { prefix = try node.schemaArray("prefixItems", &compiler) }
            if object["items"] != nil { rest = try node.schema("items", &compiler) }
        }
        if !prefix.isEmpty || rest != nil { keywords.append(.items(prefix: prefix, rest: rest)) }
        if object["contains"] != nil {
            let schema = try node.schema("contains", &compiler)
            let minimum = object["minContains"] == nil || !assertions ? 1 : try node.count("minContains")
            let maximum = object["maxContains"] == nil || !assertions ? nil : try node.count("maxContains")
            keywords.append(.contains(ContainsKeyword(schema: schema, minimum: minimum, maximum: maximum)))
        }
        return keywords
    }
}
