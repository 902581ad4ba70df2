import CassetteKit
import Foundation

/// Reads Ruby VCR cassettes (YAML or JSON):
/// `{http_interactions: [{request: {method, uri, body: {encoding, string}, headers},
/// response: {status: {code, message}, headers, body: {encoding, string | base64_string},
/// http_version}, recorded_at}], recorded_with}`.
struct RubyVCRReader {
    let builder: InteractionBuilder

    func entries(_ document: JSONValue, path: String) throws(ImportError) -> [HAR.Entry] {
        let root = ImportTree(document, pointer: "", path: path)
        guard let list = root.child("http_interactions") else {
            throw root.shapeError("no \"http_interactions\" member: this is not a Ruby VCR cassette")
        }
        var entries: [HAR.Entry] = []
        for (index, interaction) in try list.elements().enumerated() {
            var parts = try InteractionBuilder.Parts(
                vcrInteraction: interaction,
                startedDateTime: Self.startedDateTime(interaction.child("recorded_at")?.scalarText, index: index),
                requestBody: { (node) throws(ImportError) in try Self.body(node) },
                responseBody: { (node) throws(ImportError) in try Self.body(node) })
            if let version = interaction.child("response")?.child("http_version")?.scalarText, !version.isEmpty {
                parts.httpVersion = version.hasPrefix("HTTP/") ? version : "HTTP/\(version)"
            }
            entries.append(try builder.entry(parts, path: path, where: "interaction \(index)"))
        }
        return entries
    }

    /// `{encoding, string}` or `{encoding, base64_string}`; older VCR wrote `!binary` strings.
    static func body(_ node: ImportTree?) throws(ImportError) -> Data? {
        guard let node else { return nil }
        if let base64 = node.child("base64_string") {
            guard let text = base64.scalarText,
                let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters)
            else { throw base64.shapeError("expected base64 text") }
            return bytes
        }
        return try VcrpyReader.body(node.child("string"))
    }

    /// VCR writes `recorded_at` as an RFC 2822 date (`Tue, 01 Nov 2022 10:00:00 GMT`).
    static func startedDateTime(_ text: String?, index: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let text, let date = formatter.date(from: text) {
            return ISO8601DateFormatter.cassette.string(from: date)
        }
        return VcrpyReader.placeholderStart(index)
    }
}
