import CassetteKit

/// The structure of a JSON value without its values: which kinds of value sit at each place,
/// which members an object has, what an array's elements look like (merged across elements) and
/// whether it was empty. Two bodies of the same API have the same shape even when every value
/// differs, so comparing shapes finds drift, not data.
///
/// Building a shape is linear in the value and bounded: below ``maxDepth`` levels the structure
/// is not followed, and at most ``maxConstants`` constant-like strings are kept per place.
struct JSONShape: Sendable, Equatable {
    /// The kind of a JSON value, as a drift report names it (`integer` and `number` are one kind:
    /// JSON does not tell them apart on the wire).
    enum Kind: String, Sendable, Comparable, CaseIterable {
        case null, boolean, number, string, array, object
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// How deep the structure is followed.
    static let maxDepth = 48
    /// How many constant-like strings are kept per place.
    static let maxConstants = 64

    /// The kinds of value seen here (more than one for a place whose array elements differ).
    var kinds: Set<Kind> = []
    /// Object members in first-seen order, with their merged shapes.
    var memberOrder: [String] = []
    var members: [String: JSONShape] = [:]
    /// The merged shape of array elements (zero or one item: an array holds no recursive struct).
    var elements: [JSONShape] = []
    /// Whether an empty array, or a non-empty one, was seen here.
    var sawEmptyArray = false
    var sawNonEmptyArray = false
    /// Constant-like strings seen here (`USER_STATE_ACTIVE`): the values an enum takes.
    var constants: Set<String> = []

    /// The shape of `value`.
    init(_ value: JSONValue) {
        self.init()
        add(value, depth: 0)
    }

    init() {}

    /// The shape of array elements, when any element was seen.
    var element: JSONShape? { elements.first }

    /// Adds one more value seen at this place.
    private mutating func add(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: kinds.insert(.null)
        case .bool: kinds.insert(.boolean)
        case .number: kinds.insert(.number)
        case .string(let text):
            kinds.insert(.string)
            if constants.count < Self.maxConstants, Self.isConstant(text) { constants.insert(text) }
        case .array(let items):
            kinds.insert(.array)
            if items.isEmpty { sawEmptyArray = true } else { sawNonEmptyArray = true }
            guard depth < Self.maxDepth else { return }
            var merged = elements.first ?? JSONShape()
            for item in items { merged.add(item, depth: depth + 1) }
            if !items.isEmpty { elements = [merged] }
        case .object(let object):
            kinds.insert(.object)
            guard depth < Self.maxDepth else { return }
            for member in object.members {
                if members[member.key] == nil { memberOrder.append(member.key) }
                members[member.key, default: JSONShape()].add(member.value, depth: depth + 1)
            }
        }
    }

    /// The kinds as a report writes them: `string`, `null|string`.
    var kindsText: String { kinds.sorted().map(\.rawValue).joined(separator: "|") }

    /// Whether a string looks like an enum constant (`USER_STATE_ACTIVE`, `GENDER_FEMALE`,
    /// `ADMIN`): 2 to 64 upper-case letters, digits and underscores, starting with a letter, and
    /// either with an underscore or letters only and at most 16 of them (so a base32 token is not
    /// one). Linear, no regular expression.
    static func isConstant(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(65))
        guard (2...64).contains(bytes.count), let first = bytes.first, (65...90).contains(first) else { return false }
        var underscore = false
        var digit = false
        for byte in bytes {
            switch byte {
            case 65...90: continue
            case 48...57: digit = true
            case 95: underscore = true
            default: return false
            }
        }
        return underscore || (!digit && bytes.count <= 16)
    }
}
