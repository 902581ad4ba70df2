import CassetteImport
import CassetteKit
import CassetteTestSupport
import Foundation
import Testing

@Suite("Import refusals print pointers through the display path")
struct ImportErrorDisplayTests {
    @Test("a secret used as a header name in a foreign cassette is hidden in the refusal; the rest of the pointer stays")
    func secretMemberNameInRefusal() throws {
        let secret = RandomSecret.alphanumeric(40)
        let document = #"""
            {"interactions": [{"request": {"method": "GET", "uri": "https://api.example.com/me", "body": null,
              "headers": {"\#(secret)": {"nested": 1}}},
              "response": {"status": {"code": 200, "message": "OK"}, "headers": {}, "body": {"string": "{}"}}}], "version": 1}
            """#
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(document, to: "input.json")
        var caught: ImportError?
        do {
            _ = try CassetteImporter(format: .vcrpy).importCassette(from: [url])
        } catch let error as ImportError {
            caught = error
        }
        let error = try #require(caught)
        #expect(!SecretTraces.found(secret, in: error.description))
        #expect(error.description.contains("/interactions/0/request/headers/<hidden:token> expected a header value"))
    }

    @Test("a redaction refusal's locations are hidden the same way when printed (as `cassette import` does)")
    func refusalLocations() {
        let secret = RandomSecret.base64url(43)
        let refusal = UnsafeCassetteError(locations: ["entry 0 response body /data/\(secret)/token (rule value:jwt)"])
        let shown = SafeDisplay.location(refusal.description)
        #expect(!SecretTraces.found(secret, in: shown))
        #expect(shown.contains("entry 0 response body /data/<hidden:token>/token (rule value:jwt)"))
        #expect(shown.contains("Nothing was written."))
    }
}
