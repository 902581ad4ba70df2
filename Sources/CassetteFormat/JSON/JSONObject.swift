/// A JSON object: members in document order, looked up by key.
///
/// Lookups and inserts cost a hash lookup once the object has more than
/// `JSONObject/indexThreshold` members (a key index is kept beside the members), so reading
/// or building an object of 50,000 members is linear, not quadratic. Equality and hashing see
/// the members only.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One `"key": value` pair.
    public struct Member: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue
        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Objects with more members than this keep a key index; smaller ones are searched in
    /// order (comparing key lengths first), which is faster for them.
    static let indexThreshold = 16

    /// The members in order. Keys are unique when built through this type's API.
    public private(set) var members: [Member]
    /// Key to position, for objects over ``indexThreshold`` members.
    private var positions: [String: Int]?

    /// An empty object.
    public init() {
        members = []
    }

    /// An object with the given members, in order; a later duplicate key replaces the earlier.
    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Members whose keys are known to be unique (no duplicate check).
    package init(uncheckedMembers: [Member]) {
        members = uncheckedMembers
        if members.count > Self.indexThreshold { rebuildIndex() }
    }

    /// The number of members.
    public var count: Int { members.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The keys in order.
    public var keys: [String] { members.map(\.key) }

    /// Reads or writes a member; writing `nil` removes it, writing a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            position(of: key).map { members[$0].value }
        }
        set {
            if let index = position(of: key) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                    if positions != nil { rebuildIndex() }
                }
            } else if let newValue {
                append(Member(key: key, value: newValue))
            }
        }
    }

    /// The parser's insert: a new key is appended, a duplicate replaces the earlier value.
    mutating func setParsedMember(_ key: String, _ value: JSONValue) {
        if let index = position(of: key) {
            members[index].value = value
        } else {
            append(Member(key: key, value: value))
        }
    }

    /// A copy whose members are sorted by key (code-point order), recursively not applied.
    public func sortedByKey() -> JSONObject {
        JSONObject(uncheckedMembers: members.sorted { $0.key < $1.key })
    }

    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members)
    }

    // MARK: The key index

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return members.firstIndex(ofKey: key)
    }

    private mutating func append(_ member: Member) {
        members.append(member)
        if positions != nil {
            positions?[member.key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() where index[member.key] == nil {
            index[member.key] = position
        }
        positions = index
    }
}

extension [JSONObject.Member] {
    /// The position of the member named `key`: UTF-8 lengths are compared before contents, so
    /// the common miss (another key) costs no string comparison.
    func firstIndex(ofKey key: String) -> Int? {
        let length = key.utf8.count
        return firstIndex { $0.key.utf8.count == length && $0.key == key }
    }
}
