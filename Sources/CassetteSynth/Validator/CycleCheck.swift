import CassetteKit

/// Refuses schemas that would recurse forever on the same instance location: a cycle made only of
/// in-place applicators (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
/// `dependentSchemas`), such as `{"$ref": "#"}`. Cycles through `properties`, `items` and other
/// keywords that step into the instance are fine (they are how trees are described).
enum CycleCheck {
    static func rejectInPlaceCycles(_ nodes: [SchemaNode]) throws(SchemaError) {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on the stack, 2 done
        for start in nodes.indices where state[start] == 0 {
            var stack: [(node: Int, edges: [Int], next: Int)] = [(start, inPlaceEdges(nodes[start]), 0)]
            state[start] = 1
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next == stack[top].edges.count {
                    state[stack[top].node] = 2
                    stack.removeLast()
                    continue
                }
                let target = stack[top].edges[stack[top].next]
                stack[top].next += 1
                switch state[target] {
                case 1:
                    let location = nodes[target].absoluteLocation
                    throw SchemaError(
                        resource: String(location.prefix { $0 != "#" }),
                        location: JSONPointer(String(location.drop { $0 != "#" }.dropFirst())) ?? .root,
                        reason:
                            "this schema refers back to itself without moving into the instance ($ref/allOf/anyOf/... cycle), so validation would never end"
                    )
                case 0:
                    state[target] = 1
                    stack.append((target, inPlaceEdges(nodes[target]), 0))
                default:
                    continue
                }
            }
        }
    }

    private static func inPlaceEdges(_ node: SchemaNode) -> [Int] {
        var edges: [Int] = []
        for keyword in node.general {
            switch keyword {
            case .ref(let target): edges.append(target)
            case .dynamicRef(let initial, _): edges.append(initial)
            case .allOf(let targets), .anyOf(let targets), .oneOf(let targets): edges += targets
            case .not(let target): edges.append(target)
            case .conditional(let condition, let then, let otherwise):
                edges.append(condition)
                if let then { edges.append(then) }
                if let otherwise { edges.append(otherwise) }
            default: continue
            }
        }
        for keyword in node.forObjects {
            if case .dependentSchemas(let pairs) = keyword { edges += pairs.map(\.1) }
        }
        return edges
    }
}
