import CassetteKit
import Foundation

/// Typed access to a parsed foreign document, with JSON-pointer locations in every error.
struct ImportTree {
    let value: JSONValue
    let pointer: String
    let path: String

    init(_ value: JSONValue, pointer: String, path: String) {
        self.value = value
        self.pointer = pointer
        self.path = path
    }

    func shapeError(_ expectation: String) -> ImportError {
        ImportError(
            path: path, problem: "\(pointer.isEmpty ? "/" : pointer): \(expectation)",
            nextStep: "Check that the file is the format named by --from.")
    }

    func child(_ key: String) -> ImportTree? {
        guard case .object(let object) = value, let found = object[key], found != .null else { return nil }
        return ImportTree(found, pointer: "\(pointer)/\(ImportTree.escape(key))", path: path)
    }

    func required(_ key: String) throws(ImportError) -> ImportTree {
        guard let found = child(key) else { throw shapeError("missing member \"\(key)\"") }
        return found
    }

    func string(_ key: String) throws(ImportError) -> String {
        let found = try required(key)
        guard let text = found.scalarText else { throw found.shapeError("expected a string") }
        return text
    }

    func integer(_ key: String) throws(ImportError) -> Int {
        let found = try required(key)
        if case .number(let number) = found.value, let int = number.intValue { return int }
        if case .string(let text) = found.value, let int = Int(text) { return int }
        throw found.shapeError("expected an integer")
    }

    /// A string, number or boolean as text.
    var scalarText: String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return number.literal
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    func elements() throws(ImportError) -> [ImportTree] {
        guard case .array(let array) = value else { throw shapeError("expected an array") }
        return array.enumerated().map { ImportTree($1, pointer: "\(pointer)/\($0)", path: path) }
    }

    /// Headers written as `{Name: [v1, v2]}` or `{Name: v}` (vcrpy, Ruby VCR), in order.
    func headerMap() throws(ImportError) -> [HAR.NameValue] {
        if value == .null { return [] }
        guard case .object(let object) = value else { throw shapeError("expected a mapping of header names to values") }
        var headers: [HAR.NameValue] = []
        for member in object.members {
            let node = ImportTree(member.value, pointer: "\(pointer)/\(ImportTree.escape(member.key))", path: path)
            if case .array = member.value {
                for element in try node.elements() {
                    guard let text = element.scalarText else { throw element.shapeError("expected a header value") }
                    headers.append(HAR.NameValue(name: member.key, value: text))
                }
            } else if let text = node.scalarText {
                headers.append(HAR.NameValue(name: member.key, value: text))
            } else {
                throw node.shapeError("expected a header value or a list of them")
            }
        }
        return headers
    }
}

extension ImportTree {
    /// Escapes a member name as a JSON pointer token (RFC 6901).
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension InteractionBuilder.Parts {
    /// The parts of a VCR-style interaction (vcrpy and Ruby VCR share this layout:
    /// `request: {method, uri, headers, body}`, `response: {status: {code, message}, headers,
    /// body}`); the formats differ only in how bodies are written and in timestamps.
    init(
        vcrInteraction interaction: ImportTree, startedDateTime: String,
        requestBody: (ImportTree?) throws(ImportError) -> Data?,
        responseBody: (ImportTree?) throws(ImportError) -> Data?
    ) throws(ImportError) {
        let request = try interaction.required("request")
        let response = try interaction.required("response")
        let status = try response.required("status")
        self.init(
            method: try request.string("method"),
            url: try request.string("uri"),
            requestHeaders: try request.child("headers")?.headerMap() ?? [],
            requestBody: try requestBody(request.child("body")),
            status: try status.integer("code"),
            statusText: status.child("message")?.scalarText ?? "",
            responseHeaders: try response.child("headers")?.headerMap() ?? [],
            responseBody: try responseBody(response.child("body")) ?? Data(),
            startedDateTime: startedDateTime)
    }
}
