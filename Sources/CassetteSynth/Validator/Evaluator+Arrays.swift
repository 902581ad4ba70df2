import CassetteKit

extension Evaluator {
    /// Keywords that apply to arrays.
    mutating func evaluateArray(
        _ keyword: Keyword, _ node: SchemaNode, _ array: [JSONValue], collect: Bool, into annotations: inout Annotations
    ) -> Bool {
        switch keyword {
        case .items(let prefix, let rest):
            return applyItems(prefix: prefix, rest: rest, node, array, collect: collect, into: &annotations)
        case .contains(let contains):
            var matches = 0
            for (position, element) in array.enumerated() {
                var scratch = Annotations()
                guard probe(contains.schema, element, collect: false, into: &scratch) else { continue }
                matches += 1
                if collect {
                    annotations.insertContainedItem(position)
                } else if contains.maximum == nil, matches >= contains.minimum {
                    break
                }
            }
            if collect, matches == array.count { annotations.allItems = true }
            if matches < contains.minimum {
                let rule = contains.minimum == 1 ? "at least one item" : "at least \(contains.minimum) items"
                report(node, "contains", "\(matches) items match the `contains` schema; \(rule) must")
                return false
            }
            if let maximum = contains.maximum, matches > maximum {
                report(node, "maxContains", "\(matches) items match the `contains` schema; at most \(maximum) may")
                return false
            }
            return true
        case .minItems(let minimum):
            if array.count >= minimum { return true }
            report(node, "minItems", "array has \(array.count) items; at least \(minimum) required")
            return false
        case .maxItems(let maximum):
            if array.count <= maximum { return true }
            report(node, "maxItems", "array has \(array.count) items; at most \(maximum) allowed")
            return false
        case .uniqueItems:
            guard let (first, second) = UniqueItems.firstDuplicate(in: array) else { return true }
            report(node, "uniqueItems", "items \(first) and \(second) are equal; items must be unique")
            return false
        default:
            return true
        }
    }

    private mutating func applyItems(
        prefix: [Int], rest: Int?, _ node: SchemaNode, _ array: [JSONValue], collect: Bool,
        into annotations: inout Annotations
    ) -> Bool {
        if !collecting {
            // Nothing recorded: items read in place (copying each out retained it), first failure ends it.
            let passed = array.withUnsafeBufferPointer { elements in
                for position in elements.indices {
                    if position < prefix.count {
                        guard evaluateUntilFailure(prefix[position], elements[position]) else { return false }
                    } else if let rest {
                        guard evaluateUntilFailure(rest, elements[position]) else { return false }
                    } else {
                        break
                    }
                }
                return true
            }
            guard passed else { return false }
            if collect {
                annotations.itemPrefix = max(annotations.itemPrefix, min(prefix.count, array.count))
                if rest != nil { annotations.allItems = true }
            }
            return true
        }
        var valid = true
        for (position, element) in array.enumerated() {
            var scratch = Annotations()
            let ok: Bool
            if position < prefix.count {
                ok = descend(
                    prefix[position], element, keyword: "prefixItems", key: String(position), step: .index(position), collect: false,
                    into: &scratch)
            } else if let rest {
                if case .alwaysInvalid = nodes[rest].kind {
                    report(node, "items", "array has \(array.count) items; at most \(prefix.count) allowed")
                    return false
                }
                ok = descend(rest, element, keyword: "items", step: .index(position), collect: false, into: &scratch)
            } else {
                break
            }
            if !ok {
                valid = false
                if !collecting { return false }
            }
        }
        if collect {
            annotations.itemPrefix = max(annotations.itemPrefix, min(prefix.count, array.count))
            if rest != nil { annotations.allItems = true }
        }
        return valid
    }

    /// `unevaluatedItems`: applies to the items nothing else evaluated.
    mutating func evaluateUnevaluatedItems(
        _ schema: Int, _ node: SchemaNode, _ array: [JSONValue], into annotations: inout Annotations
    ) -> Bool {
        guard !annotations.allItems else { return true }
        var valid = true
        for (position, element) in array.enumerated() where !annotations.isEvaluated(item: position) {
            if case .alwaysInvalid = nodes[schema].kind {
                valid = false
                guard collecting else { return false }
                report(node, "unevaluatedItems", at: .index(position), "item \(position) is not allowed here (unevaluatedItems is false)")
                continue
            }
            var scratch = Annotations()
            if !descend(schema, element, keyword: "unevaluatedItems", step: .index(position), collect: false, into: &scratch) {
                valid = false
                if !collecting { return false }
            }
        }
        annotations.allItems = true
        return valid
    }
}

/// `uniqueItems` with JSON Schema equality (`1` equals `1.0`, object member order ignored).
enum UniqueItems {
    /// The positions of the first two equal items, or `nil`.
    static func firstDuplicate(in array: [JSONValue]) -> (Int, Int)? {
        if array.count <= 12 {
            for first in array.indices {
                for second in (first + 1)..<array.count where JSONEquality.equal(array[first], array[second]) {
                    return (first, second)
                }
            }
            return nil
        }
        var buckets: [Int: [Int]] = [:]
        for (position, element) in array.enumerated() {
            var hasher = Hasher()
            semanticHash(element, into: &hasher)
            let key = hasher.finalize()
            if let candidates = buckets[key] {
                for earlier in candidates where JSONEquality.equal(array[earlier], element) { return (earlier, position) }
            }
            buckets[key, default: []].append(position)
        }
        return nil
    }

    /// A hash consistent with `isSemanticallyEqual`.
    private static func semanticHash(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(flag ? 1 : 2)
        case .number(let number):
            hasher.combine(3)
            let double = number.doubleValue
            hasher.combine(double == 0 ? 0 : double)
        case .string(let string):
            hasher.combine(4)
            hasher.combine(string)
        case .array(let elements):
            hasher.combine(5)
            hasher.combine(elements.count)
            for element in elements { semanticHash(element, into: &hasher) }
        case .object(let object):
            hasher.combine(6)
            var combined = 0
            for member in object.members {
                var memberHasher = Hasher()
                memberHasher.combine(member.key)
                semanticHash(member.value, into: &memberHasher)
                combined ^= memberHasher.finalize()
            }
            hasher.combine(combined)
        }
    }
}
