public import CassetteKit
import Foundation

/// A change the emulator makes to its successful JSON answers, so that `cassette verify` can be
/// shown (and tested) finding drift without a real service changing: a member removed or added,
/// a value of another kind, an enum value never seen, an array emptied, a header added, another
/// status.
///
/// Written as a comma-separated list, `OPERATION:ARGUMENT`:
/// `remove:/lastLogin,add:/user/human/profile/nickName,retype:/user/details/sequence,enum:/user/state,empty:/user/loginNames,header:X-Drift,status:500`.
/// An operation whose pointer is not in an answer leaves that answer alone, so one drift can be
/// given to every emulated provider. Added values are the fixed word `drifted`: nothing secret.
public struct EmulatorDrift: Sendable, Hashable {
    /// One change.
    public enum Operation: Sendable, Hashable {
        /// Remove the member at the pointer.
        case remove(JSONPointer)
        /// Add a string member at the pointer (its parent must be an object).
        case add(JSONPointer)
        /// Change the kind of the value at the pointer (a string becomes a number, anything
        /// else a string).
        case retype(JSONPointer)
        /// Replace the string at the pointer with a constant no service sends (`DRIFTED_VALUE`).
        case enumValue(JSONPointer)
        /// Empty the array at the pointer (or give an empty one an element).
        case empty(JSONPointer)
        /// Add a response header.
        case header(String)
        /// Answer with another status.
        case status(Int)
    }

    /// The changes, applied in order.
    public var operations: [Operation]

    /// Creates a drift from operations.
    public init(_ operations: [Operation]) {
        self.operations = operations
    }

    /// Parses `remove:/lastLogin,add:/user/nickName,...` (see the type's documentation).
    public init(parsing text: String) throws(EmulatorError) {
        var operations: [Operation] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let colon = item.firstIndex(of: ":") else { throw Self.invalid(item) }
            let name = item[..<colon].lowercased()
            let argument = String(item[item.index(after: colon)...])
            if name == "header", !argument.isEmpty, argument.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 58 }) {
                operations.append(.header(argument))
                continue
            }
            if name == "status", let code = Int(argument), (200...599).contains(code) {
                operations.append(.status(code))
                continue
            }
            guard let pointer = JSONPointer(argument), !pointer.tokens.isEmpty else { throw Self.invalid(item) }
            switch name {
            case "remove": operations.append(.remove(pointer))
            case "add": operations.append(.add(pointer))
            case "retype": operations.append(.retype(pointer))
            case "enum": operations.append(.enumValue(pointer))
            case "empty": operations.append(.empty(pointer))
            default: throw Self.invalid(item)
            }
        }
        guard !operations.isEmpty else { throw EmulatorError(description: "the drift is empty; write e.g. remove:/lastLogin") }
        self.operations = operations
    }

    private static func invalid(_ item: String) -> EmulatorError {
        EmulatorError(
            description:
                "the drift \"\(SafeDisplay.text(item))\" is not OPERATION:ARGUMENT with remove, add, retype, enum or empty and a JSON pointer (/user/state), header:NAME or status:CODE"
        )
    }

    /// The answer with the drift applied: only successful JSON answers change.
    public func apply(to response: ServerResponse) -> ServerResponse {
        guard (200..<300).contains(response.status),
            let type = response.headers.value(named: "Content-Type"), BodyEncoding.isJSON(mimeType: type),
            var body = try? JSONParser.parse(response.body)
        else { return response }
        var changed = response
        for operation in operations {
            switch operation {
            case .header(let name): changed.headers.append(HAR.NameValue(name: name, value: "drifted"))
            case .status(let code): changed.status = code
            case .remove(let pointer): body = Self.edit(body, at: pointer.tokens[...]) { _ in nil }
            case .add(let pointer): body = Self.edit(body, at: pointer.tokens[...], creating: true) { _ in .string("drifted") }
            case .retype(let pointer): body = Self.edit(body, at: pointer.tokens[...]) { value in Self.retyped(value) }
            case .enumValue(let pointer): body = Self.edit(body, at: pointer.tokens[...]) { _ in .string("DRIFTED_VALUE") }
            case .empty(let pointer):
                body = Self.edit(body, at: pointer.tokens[...]) { value in
                    value?.arrayValue.map { $0.isEmpty ? .array(["drifted"]) : .array([]) } ?? value
                }
            }
        }
        changed.body = JSONSerializer.data(body)
        return changed
    }

    private static func retyped(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .string(let text)?: return .number(JSONNumber(literal: Int(text).map(String.init) ?? "0"))
        case nil: return nil
        default: return .string("drifted")
        }
    }

    /// `value` with the place at `tokens` replaced by `change` of what is there (`nil` removes).
    /// Missing places are left alone unless `creating` (then only the last token may be new).
    private static func edit(
        _ value: JSONValue, at tokens: ArraySlice<String>, creating: Bool = false, _ change: (JSONValue?) -> JSONValue?
    ) -> JSONValue {
        guard let token = tokens.first else { return change(value) ?? value }
        let rest = tokens.dropFirst()
        switch value {
        case .object(var object):
            if rest.isEmpty {
                guard object[token] != nil || creating else { return value }
                object[token] = change(object[token])
            } else if let child = object[token] {
                object[token] = edit(child, at: rest, creating: creating, change)
            }
            return .object(object)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { return value }
            if rest.isEmpty {
                if let new = change(items[index]) { items[index] = new } else { items.remove(at: index) }
            } else {
                items[index] = edit(items[index], at: rest, creating: creating, change)
            }
            return .array(items)
        default:
            return value
        }
    }
}

extension Emulation {
    /// This emulation with `drift` applied to its successful JSON answers: hand it to
    /// ``EmulatorServer/start(emulations:host:port:seed:limits:log:)`` to see `cassette verify`
    /// find drift.
    public func drifted(_ drift: EmulatorDrift) -> Emulation {
        let respond = self.respond
        return Emulation(
            provider: provider, method: method, path: path, publicBaseURL: publicBaseURL, makeCredentials: makeCredentials,
            respond: { request, accepted, seed in drift.apply(to: respond(request, accepted, seed)) })
    }
}
