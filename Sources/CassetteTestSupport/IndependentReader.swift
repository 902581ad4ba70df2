public import Foundation

/// Reads a cassette without any of the toolkit's own code: `gzip -dc` then Foundation's
/// `JSONSerialization`. What a reviewer, a HAR viewer or `zcat x.har.gz | jq` would see.
public enum IndependentReader {
    /// Why the independent reader failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The decompressed text of a cassette, by the system's `gzip`.
    public static func decompressedText(_ url: URL) throws -> String {
        let result = try ProcessRunner.run("gzip", ["-dc", url.path])
        guard result.status == 0 else { throw Failure(description: "gzip -dc failed: \(result.stderr)") }
        return result.stdout
    }

    /// The cassette parsed by `JSONSerialization` after `gzip -dc`.
    public static func document(_ url: URL) throws -> [String: Any] {
        let text = try decompressedText(url)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(description: "top level is not an object")
        }
        return object
    }

    /// Checks the members HAR 1.2 requires; returns the problems found (empty when valid).
    public static func harProblems(_ document: [String: Any]) -> [String] {
        var problems: [String] = []
        guard let log = document["log"] as? [String: Any] else { return ["missing log"] }
        if log["version"] as? String == nil { problems.append("log.version") }
        if (log["creator"] as? [String: Any])?["name"] as? String == nil { problems.append("log.creator.name") }
        guard let entries = log["entries"] as? [[String: Any]] else { return problems + ["log.entries"] }
        for (index, entry) in entries.enumerated() {
            for key in ["startedDateTime", "time", "request", "response", "cache", "timings"] where entry[key] == nil {
                problems.append("entries[\(index)].\(key)")
            }
            if let request = entry["request"] as? [String: Any] {
                for key in ["method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"]
                where request[key] == nil {
                    problems.append("entries[\(index)].request.\(key)")
                }
            }
            if let response = entry["response"] as? [String: Any] {
                for key in [
                    "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize",
                ]
                where response[key] == nil {
                    problems.append("entries[\(index)].response.\(key)")
                }
                if let content = response["content"] as? [String: Any] {
                    if content["size"] == nil { problems.append("entries[\(index)].response.content.size") }
                    if content["mimeType"] == nil { problems.append("entries[\(index)].response.content.mimeType") }
                }
            }
            if let timings = entry["timings"] as? [String: Any] {
                for key in ["send", "wait", "receive"] where timings[key] == nil {
                    problems.append("entries[\(index)].timings.\(key)")
                }
            }
        }
        return problems
    }
}
