import CassetteKit
import Foundation

/// Reads HAR 1.2 from other tools (browser devtools, mitmproxy, mattt/Replay, Polly.js) and
/// brings each entry to the cassette form: response bodies stored decoded, with consistent
/// `Content-Encoding`/`Content-Length`; tool-specific members dropped.
struct ForeignHARReader {
    let builder: InteractionBuilder

    func entries(_ document: JSONValue, path: String) throws(ImportError) -> [HAR.Entry] {
        let log: HAR.Log
        do {
            log = try HAR.Log(jsonDocument: document)
        } catch {
            throw ImportError(
                path: path, problem: "not HAR 1.2 (\(error.description))",
                nextStep: "Check that the file is a HAR export, or pass the right --from.")
        }
        var entries: [HAR.Entry] = []
        for (index, original) in log.entries.enumerated() {
            var entry = original
            var headers = entry.response.headers
            if let coding = HAR.NameValue.first("Content-Encoding", in: headers)?.lowercased() {
                // Devtools store the decoded body and keep the header; only a body that still
                // carries the gzip magic number is decoded here (with the import's size cap).
                if entry.response.content.encoding?.lowercased() == "base64", let bytes = entry.response.content.bodyData,
                    coding == "gzip" || coding == "x-gzip", GzipCodec.isGzip(bytes)
                {
                    let decoded = try builder.decode(bytes, coding: coding, path: path, location: "entry \(index)")
                    entry.response.content = HAR.Content(body: decoded, mimeType: entry.response.content.mimeType)
                    // Only a body decoded here loses the header; any other is left to redaction,
                    // which decodes the whole chain or refuses the body.
                    headers.set("Content-Encoding", to: nil)
                    if let size = entry.response.content.bodyData?.count, headers.value(named: "Content-Length") != nil {
                        headers.set("Content-Length", to: String(size))
                    }
                    entry.response.headers = headers
                }
            }
            if entry.request.queryString.isEmpty {
                entry.request.queryString = HAR.Request.incoming(method: entry.request.method, url: entry.request.url).queryString
            }
            entries.append(entry)
        }
        return entries
    }
}
