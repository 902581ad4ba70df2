public import CassetteKit
public import Foundation

/// Interactions built in tests: one call makes an entry with its request, response and body.
public enum SampleEntries {
    /// One interaction.
    public static func entry(
        _ method: String, _ url: String, status: Int = 200, body: String = "{}", mimeType: String = "application/json",
        responseHeaders: [HAR.NameValue] = [], requestHeaders: [HAR.NameValue] = [], requestBody: String? = nil,
        requestMimeType: String = "application/json", httpVersion: String = "HTTP/1.1", time: Double = 1
    ) -> HAR.Entry {
        entry(
            method, url, status: status, bodyData: Data(body.utf8), mimeType: mimeType, responseHeaders: responseHeaders,
            requestHeaders: requestHeaders, requestBody: requestBody, requestMimeType: requestMimeType,
            httpVersion: httpVersion, time: time)
    }

    /// One interaction with a binary (or any) response body.
    public static func entry(
        _ method: String, _ url: String, status: Int = 200, bodyData: Data, mimeType: String,
        responseHeaders: [HAR.NameValue] = [], requestHeaders: [HAR.NameValue] = [], requestBody: String? = nil,
        requestMimeType: String = "application/json", httpVersion: String = "HTTP/1.1", time: Double = 1
    ) -> HAR.Entry {
        let request = HAR.Request.incoming(
            method: method, url: url,
            headers: requestHeaders + (requestBody == nil ? [] : [HAR.NameValue(name: "Content-Type", value: requestMimeType)]),
            body: requestBody.map { Data($0.utf8) })
        return HAR.Entry(
            startedDateTime: "2026-01-01T00:00:00.000Z", time: time, request: request,
            response: HAR.Response(
                status: status, httpVersion: httpVersion,
                headers: [HAR.NameValue(name: "Content-Type", value: mimeType)] + responseHeaders,
                content: HAR.Content(body: bodyData, mimeType: mimeType), bodySize: bodyData.count))
    }

    /// A log of interactions.
    public static func log(_ entries: [HAR.Entry], provider: String? = nil) -> HAR.Log {
        HAR.Log(entries: entries, cassette: CassetteMetadata(provider: provider, source: "test"))
    }
}
