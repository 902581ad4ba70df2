import CassetteKit
import CassetteTestSupport
import Foundation

/// One secret class: a raw (unredacted) HAR file holding a fresh secret somewhere.
struct IssueCase: Sendable, CustomStringConvertible {
    var label: String
    /// The secret the file holds (never printed).
    var secret: String
    /// The raw HAR file (plain JSON bytes, as `import` would read them).
    var file: Data

    var description: String { label }
}

/// Builders of raw HAR files for the secret-class cases.
enum IssueHAR {
    /// A one-entry log; `edit` shapes the entry.
    static func log(url: String = "https://api.example.com/v1/me", _ edit: (inout HAR.Entry) -> Void) -> HAR.Log {
        var entry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z",
            request: HAR.Request(method: "GET", url: url, headers: [HAR.NameValue(name: "Accept", value: "*/*")]),
            response: HAR.Response(
                status: 200, statusText: "OK", headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(size: 2, mimeType: "application/json", text: "{}")))
        edit(&entry)
        return HAR.Log(entries: [entry], cassette: CassetteMetadata(source: "test"))
    }

    /// The log as a plain `.har` file.
    static func file(_ log: HAR.Log) -> Data {
        CassetteFile.encodeJSON(log)
    }

    /// A file whose response body is `text` with the given MIME type.
    static func responseBody(_ text: String, mimeType: String = "application/json", headers: [HAR.NameValue] = []) -> Data {
        file(
            log { entry in
                entry.response.content = HAR.Content(size: text.utf8.count, mimeType: mimeType, text: text)
                entry.response.headers += headers
            })
    }

    /// A file whose request body is `text`.
    static func requestBody(_ text: String, mimeType: String, url: String = "https://api.example.com/v1/login") -> Data {
        file(
            log(url: url) { entry in
                entry.request.method = "POST"
                entry.request.postData = HAR.PostData(mimeType: mimeType, text: text)
            })
    }

    /// A file whose response body is `bytes` stored base64, under a `Content-Encoding`.
    static func encodedBody(_ bytes: Data, contentEncoding: String) -> Data {
        file(
            log { entry in
                entry.response.content = HAR.Content(
                    size: bytes.count, mimeType: "application/json", text: bytes.base64EncodedString(), encoding: "base64")
                entry.response.headers.append(HAR.NameValue(name: "Content-Encoding", value: contentEncoding))
            })
    }

    /// The raw document of a log with `edit` applied to its JSON tree (members the model drops).
    static func editedDocument(_ log: HAR.Log, _ edit: (inout [String: JSONValue]) -> Void) -> Data {
        guard case .object(let root) = log.jsonDocument, case .object(let logObject)? = root["log"],
            case .array(let entries)? = logObject["entries"], case .object(let entry)? = entries.first
        else { return Data() }
        var members: [String: JSONValue] = [:]
        for member in entry { members[member.key] = member.value }
        edit(&members)
        var newEntry = JSONObject()
        for (key, value) in members.sorted(by: { $0.key < $1.key }) { newEntry[key] = value }
        var newLog = logObject
        newLog["entries"] = .array([.object(newEntry)])
        var newRoot = root
        newRoot["log"] = .object(newLog)
        return JSONSerializer.data(.object(newRoot))
    }

    /// JSON string literal of a text (quotes included).
    static func quoted(_ text: String) -> String {
        JSONSerializer.string(.string(text))
    }

    /// A base32 seed grouped in fours (`ABCD EFGH ...`), as authenticator setup pages show it.
    static func groupedSeed() -> String {
        let seed = RandomSecret.base32(32)
        return stride(from: 0, to: 32, by: 4).map { offset -> String in
            let start = seed.index(seed.startIndex, offsetBy: offset)
            return String(seed[start..<seed.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }

    /// base64url without padding.
    static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A compact JWE (5 segments) with direct encryption: the second segment is empty.
    static func jwe() -> String {
        base64url(#"{"alg":"dir","enc":"A256GCM"}"#) + ".." + RandomSecret.base64url(16) + "." + RandomSecret.base64url(64) + "."
            + RandomSecret.base64url(22)
    }
}
