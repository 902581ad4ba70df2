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
