public import CassetteKit
public import Foundation

/// Writes cassettes as plain HAR 1.2 for browser devtools and HAR viewers.
public enum HARExporter {
    /// Pretty, deterministic HAR 1.2 JSON without the toolkit's `_cassette` member. Bodies stay
    /// as recorded (and redacted): text as text, binary as base64.
    public static func plainHAR(_ log: HAR.Log) -> Data {
        var plain = log
        plain.cassette = nil
        if plain.comment == nil, let source = log.cassette?.source {
            plain.comment = "exported by cassette \(CassetteKitVersion.current) (source: \(source))"
        }
        return JSONSerializer.data(plain.jsonDocument, style: .pretty)
    }
}
