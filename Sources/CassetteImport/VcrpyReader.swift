import CassetteKit
import Foundation

/// Reads vcrpy cassettes (YAML or JSON serializer, format version 1):
/// `{interactions: [{request: {method, uri, body, headers}, response: {status: {code, message},
/// headers, body: {string}}}], version: 1}`. Bodies may be text, `!!binary` bytes, or `null`.
struct VcrpyReader {
    let builder: InteractionBuilder

    func entries(_ document: JSONValue, path: String) throws(ImportError) -> [HAR.Entry] {
        let root = ImportTree(document, pointer: "", path: path)
        guard root.child("interactions") != nil || root.child("version") != nil else {
            throw root.shapeError("no \"interactions\" member: this is not a vcrpy cassette")
        }
        let interactions = try root.child("interactions")?.elements() ?? []
        var entries: [HAR.Entry] = []
        for (index, interaction) in interactions.enumerated() {
            let parts = try InteractionBuilder.Parts(
                vcrInteraction: interaction, startedDateTime: Self.placeholderStart(index),
                requestBody: { (node) throws(ImportError) in try Self.body(node) },
                responseBody: { (node) throws(ImportError) in try Self.body(node?.child("string")) })
            entries.append(try builder.entry(parts, path: path, where: "interaction \(index)"))
        }
        return entries
    }

    /// A body: text, `!!binary` bytes, or absent.
    static func body(_ node: ImportTree?) throws(ImportError) -> Data? {
        guard let node else { return nil }
        if let bytes = YAMLTree.binaryData(node.value) { return bytes }
        if let text = node.scalarText { return Data(text.utf8) }
        if case .object(let object) = node.value, object[YAMLTree.binaryKey] != nil {
            throw node.shapeError("the binary body is not valid base64")
        }
        throw node.shapeError("expected a body string")
    }

    /// vcrpy keeps no timestamps; entries get consecutive seconds from the epoch so that their
    /// order is visible and the output is deterministic.
    static func placeholderStart(_ index: Int) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(index))
        return ISO8601DateFormatter.cassette.string(from: date)
    }
}

extension ISO8601DateFormatter {
    /// `2024-05-01T12:00:00.000Z`, the timestamp form cassettes use.
    static var cassette: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
