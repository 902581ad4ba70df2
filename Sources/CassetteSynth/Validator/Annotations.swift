/// What the successful keywords evaluated at one instance location: the input of
/// `unevaluatedProperties` and `unevaluatedItems`. Gathered only where a schema needs them.
struct Annotations {
    /// Every property was evaluated (`additionalProperties`, `unevaluatedProperties`).
    var allProperties = false
    var properties: Set<String> = []
    /// Every item was evaluated (`items`, `unevaluatedItems`).
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated (`prefixItems`).
    var itemPrefix = 0
    /// Items that matched `contains`.
    var containedItems: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        if other.allProperties {
            allProperties = true
        } else if !allProperties, !other.properties.isEmpty {
            properties.formUnion(other.properties)
        }
        if other.allItems {
            allItems = true
        } else if !allItems {
            itemPrefix = max(itemPrefix, other.itemPrefix)
            if !other.containedItems.isEmpty { containedItems.formUnion(other.containedItems) }
        }
    }

    func isEvaluated(property name: String) -> Bool {
        allProperties || properties.contains(name)
    }

    func isEvaluated(item index: Int) -> Bool {
        allItems || index < itemPrefix || containedItems.contains(index)
    }
}
