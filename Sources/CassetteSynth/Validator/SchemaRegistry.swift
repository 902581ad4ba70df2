import CassetteKit

/// A place in one of the registry's documents.
struct SchemaLocation: Hashable, Sendable {
    let document: Int
    let pointer: JSONPointer

    func appending(_ token: String) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(token))
    }
}

/// The schema documents known to a compilation and the identifiers they declare: resources
/// (`$id`), anchors (`$anchor`, `$dynamicAnchor`) and the base URI in force at every subschema.
struct SchemaRegistry {
    /// Keywords whose value is one subschema.
    static let singleSchemaKeywords: Set<String> = [
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
    ]
    /// Keywords whose value maps names to subschemas.
    static let schemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    ]
    /// Keywords whose value is an array of subschemas.
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]

    private(set) var documents: [JSONValue] = []
    /// Absolute URI (no fragment) of each resource → its root.
    private(set) var resources: [String: SchemaLocation] = [:]
    /// `uri#name` → the schema declaring that anchor.
    private(set) var anchors: [String: SchemaLocation] = [:]
    /// Resource index of each resource URI; `resourceURIs[i]` is its canonical URI.
    private(set) var resourceIndex: [String: Int] = [:]
    private(set) var resourceURIs: [String] = []
    /// Per resource: its `$dynamicAnchor` names → schemas.
    private(set) var dynamicAnchors: [[String: SchemaLocation]] = []
    /// The base URI and resource of every scanned subschema.
    private var scanned: [SchemaLocation: (base: String, resource: Int)] = [:]

    /// Adds a document retrieved from `retrievalURI` and registers what it declares.
    @discardableResult
    mutating func add(_ document: JSONValue, retrievalURI: String) throws(SchemaError) -> Int {
        let index = documents.count
        documents.append(document)
        let base = URIText.stripFragment(retrievalURI)
        let root = SchemaLocation(document: index, pointer: .root)
        let resource = registerResource(base, at: root)
        try scan(document, at: root, base: base, resource: resource)
        return index
    }

    /// Whether a resource with this URI (no fragment) is known.
    func hasResource(_ uri: String) -> Bool { resources[uri] != nil }

    /// The value at a location, or `nil`.
    func value(at location: SchemaLocation) -> JSONValue? {
        documents[location.document].value(at: location.pointer)
    }

    /// The base URI and resource index in force at `location` (for unscanned locations, those
    /// of the nearest scanned ancestor).
    func context(of location: SchemaLocation) -> (base: String, resource: Int) {
        var tokens = location.pointer.tokens
        while true {
            if let found = scanned[SchemaLocation(document: location.document, pointer: JSONPointer(tokens: tokens))] {
                return found
            }
            if tokens.isEmpty { return (resourceURIs.first ?? "", 0) }
            tokens.removeLast()
        }
    }

    /// The location a resolved absolute URI (with optional fragment) names, or `nil`.
    func locate(_ absoluteURI: String) -> SchemaLocation? {
        let resourceURI = URIText.stripFragment(absoluteURI)
        guard let root = resources[resourceURI] else { return nil }
        guard let fragment = URIText.fragment(absoluteURI), !fragment.isEmpty else { return root }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment) else { return nil }
            let location = SchemaLocation(document: root.document, pointer: JSONPointer(tokens: root.pointer.tokens + pointer.tokens))
            return value(at: location) == nil ? nil : location
        }
        return anchors[resourceURI + "#" + fragment]
    }

    private mutating func registerResource(_ uri: String, at location: SchemaLocation) -> Int {
        if resources[uri] == nil { resources[uri] = location }
        if let existing = resourceIndex[uri] { return existing }
        let index = resourceURIs.count
        resourceURIs.append(uri)
        resourceIndex[uri] = index
        dynamicAnchors.append([:])
        return index
    }

    private mutating func scan(_ value: JSONValue, at location: SchemaLocation, base: String, resource: Int) throws(SchemaError) {
        guard case .object(let object) = value else {
            scanned[location] = (base, resource)
            return
        }
        var base = base
        var resource = resource
        if let id = object["$id"] {
            guard case .string(let text) = id else {
                throw SchemaError(resource: base, location: location.pointer.appending("$id"), reason: "$id must be a string")
            }
            let resolved = URIText.resolve(text, against: base)
            if let fragment = URIText.fragment(resolved), !fragment.isEmpty {
                throw SchemaError(
                    resource: base, location: location.pointer.appending("$id"),
                    reason: "$id must not have a fragment in draft 2020-12; use $anchor for plain names")
            }
            base = URIText.stripFragment(resolved)
            resource = registerResource(base, at: location)
        }
        scanned[location] = (base, resource)
        for keyword in ["$anchor", "$dynamicAnchor"] {
            guard let anchor = object[keyword] else { continue }
            guard case .string(let name) = anchor, Self.isAnchorName(name) else {
                throw SchemaError(
                    resource: base, location: location.pointer.appending(keyword),
                    reason: "\(keyword) must be a plain name (a letter or underscore, then letters, digits, '-', '_', '.')")
            }
            let key = base + "#" + name
            if anchors[key] == nil { anchors[key] = location }
            if keyword == "$dynamicAnchor", dynamicAnchors[resource][name] == nil {
                dynamicAnchors[resource][name] = location
            }
        }
        for member in object.members {
            let key = member.key
            if Self.singleSchemaKeywords.contains(key) {
                try scan(member.value, at: location.appending(key), base: base, resource: resource)
            } else if Self.schemaMapKeywords.contains(key), case .object(let map) = member.value {
                let mapLocation = location.appending(key)
                for entry in map.members {
                    try scan(entry.value, at: mapLocation.appending(entry.key), base: base, resource: resource)
                }
            } else if Self.schemaArrayKeywords.contains(key), case .array(let elements) = member.value {
                let arrayLocation = location.appending(key)
                for (position, element) in elements.enumerated() {
                    try scan(element, at: arrayLocation.appending(String(position)), base: base, resource: resource)
                }
            }
        }
    }

    /// XML NCName-like, as the 2020-12 meta-schema's `anchorString` requires.
    static func isAnchorName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".")
        }
    }
}
