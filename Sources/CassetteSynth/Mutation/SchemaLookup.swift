import CassetteKit
import Foundation

/// The subschemas of a document schema that can apply at one instance location, found by
/// following local `$ref`s, `allOf`/`anyOf`/`oneOf`, `properties`, `additionalProperties`,
/// `items` and `prefixItems`. Over-inclusive on purpose (every branch, matched or not): the
/// mutator only takes candidate values from them, and the validator decides.
struct SchemaLookup {
    let root: JSONValue
    /// Bounds on hostile or cyclic schemas.
    static let maximumSchemas = 256
    static let maximumReferenceDepth = 32

    /// The schemas at `pointer` (an instance location).
    func schemas(at pointer: JSONPointer) -> [JSONValue] {
        var current = expand([root])
        for token in pointer.tokens {
            var next: [JSONValue] = []
            for schema in current {
                if let child = schema["properties"]?[token] {
                    next.append(child)
                } else if let additional = schema["additionalProperties"], additional.objectValue != nil {
                    next.append(additional)
                }
                if let index = Int(token) {
                    if let prefix = schema["prefixItems"]?.arrayValue, index < prefix.count {
                        next.append(prefix[index])
                    } else if let items = schema["items"], items.objectValue != nil {
                        next.append(items)
                    }
                }
            }
            current = expand(next)
            if current.isEmpty { break }
        }
        return current
    }

    /// Every `enum` value and `const` allowed by some schema here.
    func enumValues(at pointer: JSONPointer) -> [JSONValue] {
        var result: [JSONValue] = []
        for schema in schemas(at: pointer) {
            var candidates = schema["enum"]?.arrayValue ?? []
            if let constant = schema["const"] { candidates.append(constant) }
            for value in candidates where !result.contains(value) { result.append(value) }
        }
        return result
    }

    /// `schemas` with their references and applicators followed (bounded).
    private func expand(_ schemas: [JSONValue]) -> [JSONValue] {
        var result: [JSONValue] = []
        var queue = schemas.map { ($0, 0) }
        var head = 0
        while head < queue.count, result.count < Self.maximumSchemas {
            let (schema, depth) = queue[head]
            head += 1
            guard case .object = schema, !result.contains(schema) else { continue }
            result.append(schema)
            guard depth < Self.maximumReferenceDepth else { continue }
            if let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#"),
                let pointer = JSONPointer(String(reference.dropFirst()).removingPercentEncodingIfPossible),
                let target = root.value(at: pointer)
            {
                queue.append((target, depth + 1))
            }
            for keyword in ["allOf", "anyOf", "oneOf"] {
                for branch in schema[keyword]?.arrayValue ?? [] { queue.append((branch, depth + 1)) }
            }
        }
        return result
    }
}

extension String {
    /// Percent-decoded when it decodes, else unchanged (for `$ref` fragments).
    fileprivate var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        return removingPercentEncoding ?? self
    }
}
