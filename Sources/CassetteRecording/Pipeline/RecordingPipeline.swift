package import CassetteFormat
import CassetteMatching
package import Foundation

#if canImport(FoundationNetworking)
    package import FoundationNetworking
#endif

/// The one recording pipeline, shared by `cassette record` (``Recorder``) and in-test recording
/// (`CassetteReplay`'s live recorder). Each stage takes a value and gives one:
///
/// 1. **capture**: the request as sent becomes a HAR request (`HAR/Request/incoming(method:url:headers:body:httpVersion:)`:
///    query from the URL, cookies from `Cookie`, the body with its media type);
/// 2. **send**: through ``RecordingTransport``, which never follows a redirect (see there);
/// 3. **response to HAR**: ``entry(request:response:body:timing:fixedTimestamp:)``: status and
///    its reason phrase, headers sorted, `Set-Cookie` cookies kept, compressed bodies decoded and
///    `Content-Length` made to match the stored body;
/// 4. **timing**: ``ExchangeTiming``, one clock and one timestamp format;
/// 5. **sanitize**: `Redaction/sanitize(_:policy:)`: redaction, the redactor's leak check and
///    the independent audit; it fails closed;
/// 6. **write**: ``write(_:to:)``, atomically, or nothing at all.
package enum RecordingPipeline {
    /// Stage 1: the HAR request for what is sent.
    package static func capture(method: String, url: URL, headers: [HAR.NameValue], body: Data? = nil) -> HAR.Request {
        .incoming(method: method, url: url.absoluteString, headers: headers, body: body)
    }

    /// Stages 3 and 4: the HAR interaction for a real exchange. `fixedTimestamp` (reproducible
    /// recordings) replaces the start time, and zeroes the durations.
    package static func entry(
        request: HAR.Request, response: HTTPURLResponse, body: Data, timing: ExchangeTiming, fixedTimestamp: String? = nil
    ) -> HAR.Entry {
        let milliseconds = fixedTimestamp == nil ? timing.elapsedMilliseconds() : 0
        return HAR.Entry(
            startedDateTime: fixedTimestamp ?? timing.startedDateTime, time: milliseconds, request: request,
            response: RecordedExchange.response(response, body: body),
            timings: HAR.Timings(send: 0, wait: milliseconds, receive: 0))
    }

    /// Stage 6: writes the (sanitized) cassette atomically, creating its folder: the file is the
    /// whole new cassette or the old one, never a part.
    package static func write(_ log: HAR.Log, to url: URL) throws(CassetteWriteFailure) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try CassetteFile.write(log, to: url)
        } catch {
            throw CassetteWriteFailure(path: url.path, detail: "\(error)")
        }
    }
}

/// A cassette could not be written; the file is as it was.
package struct CassetteWriteFailure: Error, Sendable {
    /// The cassette file.
    package let path: String
    /// What the file system said.
    package let detail: String
}
