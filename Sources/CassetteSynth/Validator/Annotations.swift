/// What the successful keywords evaluated at one instance location: the input of
/// `unevaluatedProperties` and `unevaluatedItems`. Gathered only where a schema needs them.
///
/// The sets are kept out of line and created on the first insert: most evaluations gather
/// nothing, and an empty value then costs no reference counting to create or drop.
struct Annotations {
    /// The names and positions gathered so far.
    struct Gathered {
        var properties: Set<String> = []
        var containedItems: Set<Int> = []
    }

    /// Every property was evaluated (`additionalProperties`, `unevaluatedProperties`).
    var allProperties = false
    /// Every item was evaluated (`items`, `unevaluatedItems`).
    var allItems = false
    /// Items `0..<itemPrefix` were evaluated (`prefixItems`).
    var itemPrefix = 0
    private var gathered: Gathered?

    /// Properties evaluated by name.
    var properties: Set<String> { gathered?.properties ?? [] }
    /// Items that matched `contains`.
    var containedItems: Set<Int> { gathered?.containedItems ?? [] }

    mutating func insertProperty(_ name: String) {
        if gathered == nil { gathered = Gathered() }
        gathered?.properties.insert(name)
    }

    mutating func insertContainedItem(_ position: Int) {
        if gathered == nil { gathered = Gathered() }
        gathered?.containedItems.insert(position)
    }

    mutating func merge(_ other: Annotations) {
        if other.allProperties {
            allProperties = true
        } else if !allProperties, let theirs = other.gathered, !theirs.properties.isEmpty {
            if gathered == nil { gathered = Gathered() }
            gathered?.properties.formUnion(theirs.properties)
        }
        if other.allItems {
            allItems = true
        } else if !allItems {
            itemPrefix = max(itemPrefix, other.itemPrefix)
            if let theirs = other.gathered, !theirs.containedItems.isEmpty {
                if gathered == nil { gathered = Gathered() }
                gathered?.containedItems.formUnion(theirs.containedItems)
            }
        }
    }

    func isEvaluated(property name: String) -> Bool {
        allProperties || (gathered?.properties.contains(name) ?? false)
    }

    func isEvaluated(item index: Int) -> Bool {
        allItems || index < itemPrefix || (gathered?.containedItems.contains(index) ?? false)
    }
}
