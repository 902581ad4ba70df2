public import CassetteKit
public import Foundation

/// Small, realistic logs for tests.
public enum SampleLogs {
    /// A log with one JSON interaction (a ZITADEL-like `/me`) and one binary interaction.
    public static func mixed(jsonBody: String? = nil, binary: Data? = nil) -> HAR.Log {
        let json =
            jsonBody
            ?? #"{"user":{"id":"69629012906488334","userName":"ada","details":{"sequence":"2"},"human":{"profile":{"firstName":"Ada","displayName":"Ada L."},"phone":{}}},"lastLogin":"2024-01-02T03:04:05.123Z","big":7205123456789012345,"ratio":1.50}"#
        let bytes = binary ?? Data((0..<256).map { UInt8($0) })
        let jsonEntry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:05.000Z", time: 12.5,
            request: HAR.Request(
                method: "GET", url: "https://id.example.com/auth/v1/users/me",
                headers: [HAR.NameValue(name: "Accept", value: "application/json")]),
            response: HAR.Response(
                status: 200, statusText: "OK",
                headers: [HAR.NameValue(name: "Content-Type", value: "application/json")],
                content: HAR.Content(body: Data(json.utf8), mimeType: "application/json"), bodySize: json.utf8.count),
            timings: HAR.Timings(send: 0.5, wait: 10, receive: 2))
        let binaryEntry = HAR.Entry(
            startedDateTime: "2024-01-02T03:04:06.000Z", time: 3,
            request: HAR.Request(method: "GET", url: "https://id.example.com/avatar.png"),
            response: HAR.Response(
                status: 200, statusText: "OK",
                headers: [HAR.NameValue(name: "Content-Type", value: "image/png")],
                content: HAR.Content(body: bytes, mimeType: "image/png"), bodySize: bytes.count))
        return HAR.Log(
            entries: [jsonEntry, binaryEntry],
            cassette: CassetteMetadata(
                provider: "zitadel", source: "test", baseURL: "https://id.example.com", recordedAt: "2024-01-02T03:04:05Z"))
    }
}
