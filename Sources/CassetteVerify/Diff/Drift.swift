import CassetteKit

/// One way a live answer differs from its cassette: a kind of change and a place (a status, a
/// header name, a JSON pointer), never a value.
public struct Drift: Sendable, Hashable, CustomStringConvertible {
    /// What changed.
    public enum Change: Sendable, Hashable {
        /// The HTTP status changed.
        case status(recorded: Int, live: Int)
        /// A response header the cassette has no longer comes back.
        case headerRemoved(name: String)
        /// A response header the cassette does not have.
        case headerAdded(name: String)
        /// The body's media type changed (JSON to HTML, say).
        case mediaType(recorded: String, live: String)
        /// A member the cassette has is gone.
        case memberRemoved(pointer: String)
        /// A member the cassette does not have, with its kinds (`string`).
        case memberAdded(pointer: String, kinds: String)
        /// The kind of value changed (`string -> number`).
        case typeChanged(pointer: String, recorded: String, live: String)
        /// A value the enum at this place did not take before (never the value itself).
        case newEnumValue(pointer: String)
        /// An array that had elements is empty.
        case becameEmpty(pointer: String)
        /// An array that was empty has elements.
        case becameNonEmpty(pointer: String)
        /// The live body breaks the provider's schema: how many errors, at which places.
        case schema(errors: Int, pointers: [String])
    }

    /// What changed.
    public var change: Change

    /// Creates a drift.
    public init(_ change: Change) {
        self.change = change
    }

    /// A short name of the kind of change, for machine-readable reports (`removed`, `type`).
    public var kind: String {
        switch change {
        case .status: return "status"
        case .headerRemoved: return "header-removed"
        case .headerAdded: return "header-added"
        case .mediaType: return "media-type"
        case .memberRemoved: return "removed"
        case .memberAdded: return "added"
        case .typeChanged: return "type"
        case .newEnumValue: return "enum"
        case .becameEmpty: return "empty"
        case .becameNonEmpty: return "non-empty"
        case .schema: return "schema"
        }
    }

    /// The place, as a report shows it (a JSON pointer, `header Name`, `status`), through the
    /// display path.
    public var place: String {
        switch change {
        case .status: return "status"
        case .headerRemoved(let name), .headerAdded(let name): return "header \(SafeDisplay.name(name))"
        case .mediaType: return "media type"
        case .memberRemoved(let pointer), .memberAdded(let pointer, _), .typeChanged(let pointer, _, _),
            .newEnumValue(let pointer), .becameEmpty(let pointer), .becameNonEmpty(let pointer):
            return Self.shown(pointer)
        case .schema(_, let pointers): return pointers.map(Self.shown).joined(separator: ", ")
        }
    }

    /// One phrase: `/lastLogin removed`, `/user/details/sequence string -> number`,
    /// `schema: 1 error at /user/details/sequence`. Names places and kinds, never values.
    public var description: String {
        switch change {
        case .status(let recorded, let live): return "status \(recorded) -> \(live)"
        case .headerRemoved: return "\(place) removed"
        case .headerAdded: return "\(place) added"
        case .mediaType(let recorded, let live): return "media type \(SafeDisplay.text(recorded)) -> \(SafeDisplay.text(live))"
        case .memberRemoved: return "\(place) removed"
        case .memberAdded(_, let kinds): return "\(place) added (\(kinds))"
        case .typeChanged(_, let recorded, let live): return "\(place) \(recorded) -> \(live)"
        case .newEnumValue: return "\(place) new enum value"
        case .becameEmpty: return "\(place) became empty"
        case .becameNonEmpty: return "\(place) became non-empty"
        case .schema(let errors, let pointers):
            let more = errors > pointers.count ? ", …" : ""
            return "schema: \(errors) error\(errors == 1 ? "" : "s") at \(place)\(more)"
        }
    }

    /// A pointer through the display path (`/` for the whole body).
    static func shown(_ pointer: String) -> String {
        pointer.isEmpty ? "/" : SafeDisplay.pointer(pointer)
    }
}
