import CassetteKit

extension Evaluator {
    /// Keywords that apply to objects.
    mutating func evaluateObject(
        _ keyword: Keyword, _ node: SchemaNode, _ object: JSONObject, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        switch keyword {
        case .properties(let applicator):
            return applyProperties(applicator, node, object, collect: collect, into: &annotations)
        case .required(let names):
            return checkRequired(names, node, object)
        case .requiredByProperties(let names):
            // Not collecting: the `properties` pass of this schema checks them.
            guard collecting else { return true }
            return checkRequired(names, node, object)
        case .dependentRequired(let pairs):
            var valid = true
            for (trigger, names) in pairs where object[trigger] != nil {
                for name in names where object[name] == nil {
                    valid = false
                    guard collecting else { return false }
                    report(node, "dependentRequired", key: trigger, "property \"\(name)\" is required when \"\(trigger)\" is present")
                }
            }
            return valid
        case .dependentSchemas(let pairs):
            var valid = true
            for (trigger, schema) in pairs where object[trigger] != nil {
                let instance = JSONValue.object(object)
                if !descend(schema, instance, keyword: "dependentSchemas", key: trigger, collect: collect, into: &annotations) {
                    valid = false
                    if !collecting { return false }
                }
            }
            return valid
        case .propertyNames(let schema):
            var valid = true
            for member in object.members {
                var scratch = Annotations()
                if !descend(
                    schema, .string(member.key), keyword: "propertyNames", step: .key(member.key), collect: false, into: &scratch)
                {
                    valid = false
                    if !collecting { return false }
                }
            }
            return valid
        case .minProperties(let minimum):
            if object.count >= minimum { return true }
            report(node, "minProperties", "object has \(object.count) properties; at least \(minimum) required")
            return false
        case .maxProperties(let maximum):
            if object.count <= maximum { return true }
            report(node, "maxProperties", "object has \(object.count) properties; at most \(maximum) allowed")
            return false
        default:
            return true
        }
    }

    /// `required`: every name is a member.
    private mutating func checkRequired(_ names: [String], _ node: SchemaNode, _ object: JSONObject) -> Bool {
        var valid = true
        for name in names where object[name] == nil {
            valid = false
            guard collecting else { return false }
            report(node, "required", "missing required property \"\(name)\"")
        }
        return valid
    }

    /// `properties`, `patternProperties` and `additionalProperties` in one pass over the members.
    private mutating func applyProperties(
        _ applicator: PropertyApplicator, _ node: SchemaNode, _ object: JSONObject, collect: Bool,
        into annotations: inout Annotations
    ) -> Bool {
        guard collecting else { return applyPropertiesUntilFailure(applicator, object, collect: collect, into: &annotations) }
        var valid = true
        for member in object.members {
            var matched = false
            if let schema = applicator.named[member.key] {
                matched = true
                if collect { annotations.insertProperty(member.key) }
                var scratch = Annotations()
                if !descend(
                    schema, member.value, keyword: "properties", key: member.key, step: .key(member.key), collect: false, into: &scratch)
                {
                    valid = false
                    if !collecting { return false }
                }
            }
            for patternProperty in applicator.patterns where patternProperty.pattern.matches(member.key) {
                matched = true
                if collect { annotations.insertProperty(member.key) }
                var scratch = Annotations()
                if !descend(
                    patternProperty.schema, member.value, keyword: "patternProperties", key: patternProperty.pattern.source,
                    step: .key(member.key), collect: false, into: &scratch)
                {
                    valid = false
                    if !collecting { return false }
                }
            }
            guard !matched, let additional = applicator.additional else { continue }
            if case .alwaysInvalid = nodes[additional].kind {
                valid = false
                guard collecting else { return false }
                report(
                    node, "additionalProperties", at: .key(member.key),
                    "property \"\(member.key)\" is not allowed here (additionalProperties is false)")
                continue
            }
            var scratch = Annotations()
            if !descend(additional, member.value, keyword: "additionalProperties", step: .key(member.key), collect: false, into: &scratch) {
                valid = false
                if !collecting { return false }
            }
        }
        if collect, applicator.additional != nil { annotations.allProperties = true }
        return valid
    }

    /// The same pass when nothing is recorded: stops at the first failure, and also checks the
    /// schema's `required` names (`PropertyApplicator.required`) by counting them as they match.
    private mutating func applyPropertiesUntilFailure(
        _ applicator: PropertyApplicator, _ object: JSONObject, collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        var requiredSeen = 0
        // Read in place: copying each member out of the array retained its key and value.
        let passed = object.members.withUnsafeBufferPointer { members in
            for position in members.indices {
                var matched = false
                if let entry = applicator.named.entry(members[position].key) {
                    matched = true
                    if entry.required { requiredSeen += 1 }
                    if collect { annotations.insertProperty(members[position].key) }
                    guard evaluateUntilFailure(entry.schema, members[position].value) else { return false }
                }
                if !applicator.patterns.isEmpty {
                    for patternProperty in applicator.patterns where patternProperty.pattern.matches(members[position].key) {
                        matched = true
                        if collect { annotations.insertProperty(members[position].key) }
                        guard evaluateUntilFailure(patternProperty.schema, members[position].value) else { return false }
                    }
                }
                guard !matched, let additional = applicator.additional else { continue }
                guard evaluateUntilFailure(additional, members[position].value) else { return false }
            }
            return true
        }
        guard passed else { return false }
        if requiredSeen < applicator.named.requiredCount {
            // A name is missing (or spelled so that only `required`'s own lookup finds it).
            for name in applicator.required where object[name] == nil { return false }
        }
        if collect, applicator.additional != nil { annotations.allProperties = true }
        return true
    }

    /// `unevaluatedProperties`: applies to the members no other keyword of this schema (or its
    /// in-place subschemas) evaluated.
    mutating func evaluateUnevaluatedProperties(
        _ schema: Int, _ node: SchemaNode, _ object: JSONObject, into annotations: inout Annotations
    ) -> Bool {
        guard !annotations.allProperties else { return true }
        var valid = true
        let rejectsAll: Bool
        if case .alwaysInvalid = nodes[schema].kind { rejectsAll = true } else { rejectsAll = false }
        for member in object.members where !annotations.isEvaluated(property: member.key) {
            if rejectsAll {
                valid = false
                guard collecting else { return false }
                report(
                    node, "unevaluatedProperties", at: .key(member.key),
                    "property \"\(member.key)\" is not allowed here (unevaluatedProperties is false)")
                continue
            }
            var scratch = Annotations()
            if !descend(schema, member.value, keyword: "unevaluatedProperties", step: .key(member.key), collect: false, into: &scratch) {
                valid = false
                if !collecting { return false }
            }
        }
        annotations.allProperties = true
        return valid
    }
}
