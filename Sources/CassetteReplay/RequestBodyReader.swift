import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Reads a request's body whether it arrived as `httpBody` or as `httpBodyStream` (URL
/// loading turns `upload` bodies and `httpBody` into streams on some platforms).
enum RequestBodyReader {
    /// Why a body stream could not be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The body bytes, or `nil` when the request has no body.
    static func body(of request: URLRequest) throws(Failure) -> Data? {
        if let body = request.httpBody { return body }
        guard let stream = request.httpBodyStream else { return nil }
        return try read(stream)
    }

    /// Reads a stream to its end.
    static func read(_ stream: InputStream) throws(Failure) -> Data {
        stream.open()
        defer { stream.close() }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = stream.read(&buffer, maxLength: buffer.count)
            if count < 0 {
                throw Failure(description: "the body stream failed: \(stream.streamError.map { "\($0)" } ?? "unknown error")")
            }
            if count == 0 { break }
            data.append(buffer, count: count)
        }
        return data
    }
}
