import CassetteKit

extension JSONValue {
    /// A copy with the value at `pointer` replaced (or, for an object member, added); `nil` when
    /// a token on the way does not exist (a missing array index, a scalar in the way).
    func setting(_ newValue: JSONValue, at pointer: JSONPointer) -> JSONValue? {
        setting(newValue, tokens: pointer.tokens[...])
    }

    private func setting(_ newValue: JSONValue, tokens: ArraySlice<String>) -> JSONValue? {
        guard let token = tokens.first else { return newValue }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var object):
            if rest.isEmpty {
                object[token] = newValue
                return .object(object)
            }
            guard let child = object[token], let updated = child.setting(newValue, tokens: rest) else { return nil }
            object[token] = updated
            return .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index),
                let updated = elements[index].setting(newValue, tokens: rest)
            else { return nil }
            elements[index] = updated
            return .array(elements)
        default:
            return nil
        }
    }

    /// Replaces (or, for an object member, adds) the value at `pointer` in place; `false`, with
    /// nothing changed, when a token on the way does not exist (as ``setting(_:at:)`` gives
    /// `nil`). The containers on the way are changed without copying when this value holds the
    /// only reference to them.
    @discardableResult
    mutating func set(_ newValue: JSONValue, at pointer: JSONPointer) -> Bool {
        set(newValue, tokens: pointer.tokens[...])
    }

    private mutating func set(_ newValue: JSONValue, tokens: ArraySlice<String>) -> Bool {
        guard let token = tokens.first else {
            self = newValue
            return true
        }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var object):
            guard rest.isEmpty || object[token] != nil else { return false }
            // Let go of this value's reference first, so the object (and below it the member)
            // is uniquely referenced while it changes.
            self = .null
            defer { self = .object(object) }
            if rest.isEmpty {
                object[token] = newValue
                return true
            }
            guard var child = object[token] else { return false }
            object[token] = .null
            defer { object[token] = child }
            return child.set(newValue, tokens: rest)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return false }
            self = .null
            defer { self = .array(elements) }
            var child = elements[index]
            elements[index] = .null
            defer { elements[index] = child }
            return child.set(newValue, tokens: rest)
        default:
            return false
        }
    }

    /// A copy without the object member or array element at `pointer`; `nil` when it is not there.
    func removing(at pointer: JSONPointer) -> JSONValue? {
        guard let last = pointer.lastToken else { return nil }
        let parentPointer = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        guard let parent = value(at: parentPointer) else { return nil }
        switch parent {
        case .object(var object):
            guard object[last] != nil else { return nil }
            object[last] = nil
            return setting(.object(object), at: parentPointer)
        case .array(var elements):
            guard let index = Int(last), elements.indices.contains(index) else { return nil }
            elements.remove(at: index)
            return setting(.array(elements), at: parentPointer)
        default:
            return nil
        }
    }
}
