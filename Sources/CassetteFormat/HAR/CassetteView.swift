import Foundation

/// Human-readable renderings of cassettes.
public enum CassetteView {
    /// The HAR document with every JSON body (request or response) shown as JSON instead of an
    /// escaped string; other bodies are left as they are. Stable: same cassette, same text.
    public static func readable(_ log: HAR.Log) -> JSONValue {
        guard case .object(var root) = log.jsonDocument, case .object(var logObject) = root["log"],
            case .array(var entries) = logObject["entries"]
        else { return log.jsonDocument }
        for index in entries.indices {
            let entry = log.entries[index]
            guard case .object(var entryObject) = entries[index] else { continue }
            if let postData = entry.request.postData, postData.encoding == nil,
                BodyEncoding.isJSON(mimeType: postData.mimeType), let parsed = try? JSONParser.parse(postData.text),
                case .object(var request) = entryObject["request"], case .object(var post) = request["postData"]
            {
                post["text"] = parsed
                request["postData"] = .object(post)
                entryObject["request"] = .object(request)
            }
            if let text = entry.response.content.text, entry.response.content.encoding == nil,
                BodyEncoding.isJSON(mimeType: entry.response.content.mimeType), let parsed = try? JSONParser.parse(text),
                case .object(var response) = entryObject["response"], case .object(var content) = response["content"]
            {
                content["text"] = parsed
                response["content"] = .object(content)
                entryObject["response"] = .object(response)
            }
            entries[index] = .object(entryObject)
        }
        logObject["entries"] = .array(entries)
        root["log"] = .object(logObject)
        return .object(root)
    }
}
