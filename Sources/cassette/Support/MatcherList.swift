import ArgumentParser
import CassetteKit
import Foundation

/// Parses `--matchers` lists (`cassette match`, `cassette serve`).
enum MatcherList {
    static func parse(_ text: String) throws -> [RequestMatcher] {
        var headerNames: [String] = []
        var matchers: [RequestMatcher] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            switch item.lowercased() {
            case "method": matchers.append(.method)
            case "scheme": matchers.append(.scheme)
            case "host": matchers.append(.host)
            case "path": matchers.append(.path)
            case "query": matchers.append(.query)
            case "url": matchers.append(.url)
            case "jsonbody", "json-body", "json": matchers.append(.jsonBody)
            case "rawbody", "raw-body", "body": matchers.append(.rawBody)
            default:
                guard item.lowercased().hasPrefix("header:"), item.count > 7 else {
                    throw CLIFailure.usage(
                        "error: --matchers: unknown matcher \"\(SafeDisplay.text(item))\"; use method, scheme, host, path, query, url, jsonBody, rawBody or header:NAME."
                    )
                }
                headerNames.append(String(item.dropFirst(7)))
            }
        }
        if !headerNames.isEmpty { matchers.append(.headers(headerNames)) }
        guard !matchers.isEmpty else { throw CLIFailure.usage("error: --matchers is empty; the default is method,url.") }
        return matchers
    }
}
