/// Property names to subschema indices, looked up by a cheap byte hash with open addressing.
/// Validation looks up every member of every object, and the standard library's seeded SipHash
/// made that lookup the largest single cost of validating a `/me` body.
///
/// The hash is seedless, so an instance can choose keys that collide; a lookup still probes at
/// most the table's few slots (it holds only the schema's names and is at most half full).
struct PropertyNameTable: Sendable {
    /// What a name maps to: its subschema, and whether the same schema's `required` lists it.
    struct Entry: Sendable {
        let schema: Int
        let required: Bool
    }

    /// The hash of each slot's name, 0 for an empty slot (names hash to odd numbers).
    private let hashes: [UInt64]
    /// Each slot's name as a ``Key`` (its bytes when at most 16, compared as two words).
    private let keys: [Key]
    private let names: [String]
    private let entries: [Entry]
    private let mask: Int
    /// The number of names.
    let count: Int
    /// The number of distinct names marked required.
    let requiredCount: Int

    /// A table of the given names and values; `required` names (a subset) are marked.
    init(_ pairs: [String: Int], required: Set<String> = []) {
        var capacity = 8
        while capacity < pairs.count * 2 { capacity *= 2 }
        var hashes = [UInt64](repeating: 0, count: capacity)
        var keys = [Key](repeating: Key(hash: 0, length: 0, first: 0, second: 0), count: capacity)
        var names = [String](repeating: "", count: capacity)
        var entries = [Entry](repeating: Entry(schema: 0, required: false), count: capacity)
        let mask = capacity - 1
        var requiredCount = 0
        for (name, value) in pairs {
            let key = Self.key(name)
            let hash = key.hash
            var position = Int(truncatingIfNeeded: hash) & mask
            while hashes[position] != 0 { position = (position + 1) & mask }
            hashes[position] = hash
            keys[position] = key
            names[position] = name
            let isRequired = required.contains(name)
            if isRequired { requiredCount += 1 }
            entries[position] = Entry(schema: value, required: isRequired)
        }
        self.hashes = hashes
        self.keys = keys
        self.names = names
        self.entries = entries
        self.mask = mask
        self.count = pairs.count
        self.requiredCount = requiredCount
    }

    /// The value for `name`, if the table has it.
    subscript(name: String) -> Int? {
        entry(name)?.schema
    }

    /// The entry for `name`, if the table has it.
    func entry(_ name: String) -> Entry? {
        let key = Self.key(name)
        return hashes.withUnsafeBufferPointer { hashes in
            var position = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let slot = hashes[position]
                if slot == 0 { return nil }
                if slot == key.hash, sameName(position, key, name) { return entries[position] }
                position = (position + 1) & mask
            }
        }
    }

    /// Whether slot `position` holds `name`: for names of at most 16 bytes, their lengths and
    /// bytes (two words) compared; longer names byte by byte.
    private func sameName(_ position: Int, _ key: Key, _ name: String) -> Bool {
        let stored = keys[position]
        guard stored.length == key.length else { return false }
        if key.length <= 16 { return stored.first == key.first && stored.second == key.second }
        return JSONEquality.sameCodeUnits(names[position], name)
    }

    /// A name's hash, UTF-8 length, and its first 16 bytes in two little-endian words (zero padded).
    struct Key: Sendable {
        let hash: UInt64
        let length: Int
        let first: UInt64
        let second: UInt64
    }

    static func key(_ name: String) -> Key {
        name.utf8.withContiguousStorageIfAvailable { key(bytes: $0) } ?? Array(name.utf8).withUnsafeBufferPointer { key(bytes: $0) }
    }

    private static func key(bytes: UnsafeBufferPointer<UInt8>) -> Key {
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return Key(hash: hash(bytes: bytes) | 1, length: 0, first: 0, second: 0) }
        let raw = UnsafeRawPointer(base)
        let first = count >= 8 ? raw.loadUnaligned(as: UInt64.self) : tail(bytes, from: 0)
        let second = count >= 16 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : count > 8 ? tail(bytes, from: 8) : 0
        guard count <= 16 else { return Key(hash: hash(bytes: bytes) | 1, length: count, first: first, second: second) }
        // A short name is its two words and length: mix those instead of walking the bytes.
        var hash = (first ^ 0xCBF2_9CE4_8422_2325) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (second ^ UInt64(count)) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return Key(hash: hash | 1, length: count, first: first, second: second)
    }

    /// The bytes from `start` to the end (fewer than eight), little-endian in a word.
    private static func tail(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        var word: UInt64 = 0
        var position = bytes.count - 1
        while position >= start {
            word = word << 8 | UInt64(bytes[position])
            position -= 1
        }
        return word
    }

    /// A seedless hash of the UTF-8 bytes, eight at a time, always odd (0 marks an empty slot).
    static func hash(_ name: String) -> UInt64 {
        key(name).hash
    }

    private static func hash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }

}
