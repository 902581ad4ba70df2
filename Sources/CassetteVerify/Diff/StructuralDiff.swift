public import CassetteKit

/// Compares the structure of a recorded JSON body with a live one: members added and removed,
/// kinds of value changed, arrays that became empty or non-empty, and (when asked) constants an
/// enum-like place never held before. Values are never compared, so ids, names and timestamps
/// that change on every call are not drift.
///
/// Array elements are compared as one merged shape (`/user/loginNames/*`), so a list that
/// grows or shrinks is not drift, but a member that appears in its elements is.
public enum StructuralDiff {
    /// At most this many changes are listed per body; the rest are counted.
    public static let maxChanges = 200

    /// The changes from `recorded` to `live`. `constants`: report a constant-like string the
    /// recording never held at that place as a new enum value (used when no schema says which
    /// values an enum takes).
    public static func changes(recorded: JSONValue, live: JSONValue, constants: Bool = true) -> [Drift] {
        var found: [Drift] = []
        compare(JSONShape(recorded), JSONShape(live), at: JSONPointer.root, constants: constants, into: &found)
        return found
    }

    private static func compare(_ old: JSONShape, _ new: JSONShape, at pointer: JSONPointer, constants: Bool, into found: inout [Drift]) {
        guard found.count < maxChanges else { return }
        let place = pointer.description
        if old.kinds != new.kinds {
            found.append(Drift(.typeChanged(pointer: place, recorded: old.kindsText, live: new.kindsText)))
        }
        let shared = old.kinds.intersection(new.kinds)
        if shared.contains(.object) {
            for key in old.memberOrder where new.members[key] == nil {
                guard found.count < maxChanges else { return }
                found.append(Drift(.memberRemoved(pointer: pointer.appending(key).description)))
            }
            for key in new.memberOrder where old.members[key] == nil {
                guard found.count < maxChanges else { return }
                let kinds = new.members[key]?.kindsText ?? ""
                found.append(Drift(.memberAdded(pointer: pointer.appending(key).description, kinds: kinds)))
            }
            for key in old.memberOrder {
                guard let before = old.members[key], let after = new.members[key] else { continue }
                compare(before, after, at: pointer.appending(key), constants: constants, into: &found)
            }
        }
        if shared.contains(.array) {
            if old.sawNonEmptyArray, !new.sawNonEmptyArray {
                found.append(Drift(.becameEmpty(pointer: place)))
            } else if !old.sawNonEmptyArray, new.sawNonEmptyArray {
                found.append(Drift(.becameNonEmpty(pointer: place)))
            } else if let before = old.element, let after = new.element {
                compare(before, after, at: pointer.appending("*"), constants: constants, into: &found)
            }
        }
        if constants, shared.contains(.string), !old.constants.isEmpty, !new.constants.isSubset(of: old.constants) {
            found.append(Drift(.newEnumValue(pointer: place)))
        }
    }
}
