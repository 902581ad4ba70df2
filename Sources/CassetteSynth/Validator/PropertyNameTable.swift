/// Property names to subschema indices, looked up by a cheap byte hash (FNV-1a) with open
/// addressing. Validation looks up every member of every object, and the standard library's
/// seeded SipHash made that lookup the largest single cost of validating a `/me` body.
struct PropertyNameTable: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64
        var name: String
        var value: Int
    }

    private var slots: [Slot?]
    private let mask: Int
    /// The number of names.
    let count: Int

    /// A table of the given names and values.
    init(_ pairs: [String: Int]) {
        self.init(pairs: Array(pairs), count: pairs.count)
    }

    private init(pairs: [(String, Int)], count: Int) {
        var capacity = 8
        while capacity < count * 2 { capacity *= 2 }
        var slots = [Slot?](repeating: nil, count: capacity)
        let mask = capacity - 1
        var distinct = 0
        for (name, value) in pairs {
            let hash = FNV1a.hash(name)
            var position = Int(truncatingIfNeeded: hash) & mask
            while let existing = slots[position], existing.hash != hash || existing.name != name { position = (position + 1) & mask }
            if slots[position] == nil { distinct += 1 }
            slots[position] = Slot(hash: hash, name: name, value: value)
        }
        self.slots = slots
        self.mask = mask
        self.count = distinct
    }

    /// The value for `name`, if the table has it.
    subscript(name: String) -> Int? {
        let hash = FNV1a.hash(name)
        var position = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[position] {
            if slot.hash == hash, slot.name == name { return slot.value }
            position = (position + 1) & mask
        }
        return nil
    }
}
