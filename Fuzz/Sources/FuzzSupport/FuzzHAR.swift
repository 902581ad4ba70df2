import CassetteKit
import Foundation

/// Builds a one-entry HAR log from a fuzz input, with the ``PlantedSecret`` wherever the input
/// holds its marker. The layout (all fields separated by 0x00):
///
///     flags, request body shape, response body shape,
///     url, request header name, request header value, request body,
///     response header name, response header value, response body, status text
///
/// A body shape picks a MIME type and an encoding (plain text, base64, base64 of gzip with a
/// `Content-Encoding: gzip` header, or a `gzip, gzip` chain). Flag bit 0 adds the credential
/// header a recorder would send (`Authorization: Bearer <secret>`).
public enum FuzzHAR {
    /// MIME types the redactor reads differently.
    static let mimeTypes = [
        "application/json", "text/plain", "text/html; charset=utf-8", "application/xml",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "application/graphql",
        "application/javascript", "application/octet-stream", "application/x-ndjson", "", "image/png",
    ]

    /// How a body's bytes are stored in the HAR.
    enum Encoding: CaseIterable {
        case text, base64, gzipBase64, gzipGzipBase64
    }

    /// The log an input describes.
    public static func log(from data: Data) -> HAR.Log {
        var input = FuzzBytes(data)
        let flags = input.byte()
        let requestShape = input.byte()
        let responseShape = input.byte()
        let url = planted(input.field())
        let requestHeader = HAR.NameValue(name: planted(input.field()), value: planted(input.field()))
        let requestBody = PlantedSecret.plant(in: input.field())
        let responseHeader = HAR.NameValue(name: planted(input.field()), value: planted(input.field()))
        let responseBody = PlantedSecret.plant(in: input.field())
        let statusText = planted(input.field())

        var requestHeaders = [requestHeader]
        if flags & 1 != 0 { requestHeaders.append(HAR.NameValue(name: "Authorization", value: "Bearer " + PlantedSecret.value)) }
        var responseHeaders = [responseHeader]

        let (requestText, requestMime, requestEncoding, requestContentEncoding) = body(requestBody, shape: requestShape)
        if let requestContentEncoding { requestHeaders.append(HAR.NameValue(name: "Content-Encoding", value: requestContentEncoding)) }
        let (responseText, responseMime, responseEncoding, responseContentEncoding) = body(responseBody, shape: responseShape)
        if let responseContentEncoding { responseHeaders.append(HAR.NameValue(name: "Content-Encoding", value: responseContentEncoding)) }
        requestHeaders.append(HAR.NameValue(name: "Content-Type", value: requestMime))
        responseHeaders.append(HAR.NameValue(name: "Content-Type", value: responseMime))

        let request = HAR.Request(
            method: flags & 2 != 0 ? "POST" : "GET", url: url.isEmpty ? "https://api.example.com/me" : url,
            headers: requestHeaders,
            postData: requestBody.isEmpty ? nil : HAR.PostData(mimeType: requestMime, text: requestText, encoding: requestEncoding))
        let response = HAR.Response(
            status: 200, statusText: statusText, headers: responseHeaders,
            content: HAR.Content(size: responseBody.count, mimeType: responseMime, text: responseText, encoding: responseEncoding))
        return HAR.Log(entries: [HAR.Entry(startedDateTime: "2026-01-01T00:00:00.000Z", request: request, response: response)])
    }

    private static func planted(_ bytes: [UInt8]) -> String {
        String(decoding: PlantedSecret.plant(in: bytes), as: UTF8.self)
    }

    /// Text, MIME type, HAR `encoding` and `Content-Encoding` header of a body.
    private static func body(_ bytes: [UInt8], shape: UInt8) -> (String, String, String?, String?) {
        let mime = mimeTypes[Int(shape & 0x0F) % mimeTypes.count]
        let encoding = Encoding.allCases[Int(shape >> 4) % Encoding.allCases.count]
        switch encoding {
        case .text:
            return (String(decoding: bytes, as: UTF8.self), mime, nil, nil)
        case .base64:
            return (Data(bytes).base64EncodedString(), mime, "base64", nil)
        case .gzipBase64:
            let zipped = (try? GzipCodec.gzip(Data(bytes))) ?? Data()
            return (zipped.base64EncodedString(), mime, "base64", "gzip")
        case .gzipGzipBase64:
            let once = (try? GzipCodec.gzip(Data(bytes))) ?? Data()
            let twice = (try? GzipCodec.gzip(once)) ?? Data()
            return (twice.base64EncodedString(), mime, "base64", "gzip, gzip")
        }
    }
}
