public import CassetteKit
import Foundation

/// Requests, responses and logs built in tests, with the header and size members a recorder writes.
public enum SampleExchanges {
    public static func request(
        _ method: String = "GET", url: String = "https://api.example.com/me", headers: [(String, String)] = [],
        queryString: [(String, String)] = [], cookies: [HAR.Cookie] = [], postData: HAR.PostData? = nil
    ) -> HAR.Request {
        HAR.Request(
            method: method, url: url, cookies: cookies,
            headers: headers.map { HAR.NameValue(name: $0.0, value: $0.1) },
            queryString: queryString.map { HAR.NameValue(name: $0.0, value: $0.1) }, postData: postData,
            headersSize: 120, bodySize: postData.map { $0.text.utf8.count } ?? 0)
    }

    public static func response(
        json: String, status: Int = 200, headers: [(String, String)] = [], cookies: [HAR.Cookie] = [],
        mimeType: String = "application/json"
    ) -> HAR.Response {
        var all = headers.map { HAR.NameValue(name: $0.0, value: $0.1) }
        all.append(HAR.NameValue(name: "Content-Type", value: mimeType))
        all.append(HAR.NameValue(name: "Content-Length", value: String(json.utf8.count)))
        return HAR.Response(
            status: status, statusText: status == 200 ? "OK" : "Error", cookies: cookies, headers: all,
            content: HAR.Content(body: Data(json.utf8), mimeType: mimeType), headersSize: 200, bodySize: json.utf8.count)
    }

    public static func log(_ pairs: [(HAR.Request, HAR.Response)], provider: String? = nil) -> HAR.Log {
        HAR.Log(
            entries: pairs.enumerated().map { index, pair in
                HAR.Entry(startedDateTime: "2024-01-02T03:04:0\(index % 10).000Z", time: 10, request: pair.0, response: pair.1)
            },
            cassette: CassetteMetadata(provider: provider, source: "test", recordedAt: "2024-01-02T03:04:05Z"))
    }

    public static func log(_ request: HAR.Request, _ response: HAR.Response, provider: String? = nil) -> HAR.Log {
        log([(request, response)], provider: provider)
    }
}
