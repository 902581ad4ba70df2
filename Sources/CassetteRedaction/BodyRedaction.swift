import CassetteFormat
import CassetteProviders
import Foundation

/// Request and response bodies, fail closed: a body is undone from its `Content-Encoding` and
/// base64, read by the reader for its content type (see ``MediaType/Reader``) and redacted by
/// structure, or, when no reader understands it, recorded in ``RedactionSession/unreadable``
/// so that nothing is written (unless the policy allows opaque bodies, which are then kept
/// after the value rules and reported as `opaque-body`).
extension RedactionSession {
    /// What reading a body gave.
    enum BodyRead {
        /// The redacted body.
        case read(Data)
        /// No reader understood it; the reason names what (never a value).
        case unreadable(String)
    }

    /// The largest decoded body (each `Content-Encoding` layer) read here: 64 MiB.
    static let decodedBodyLimit = GzipCodec.defaultDecompressionLimit
    /// How deep readers nest (multipart in multipart, JSON in an HTML script in a part).
    static let maximumReaderDepth = 4

    /// A request body; `contentEncoding` is the request's `Content-Encoding`. `decoded` is true
    /// when the stored body is now the decoded one, so the header must go.
    mutating func redactPostData(_ postData: HAR.PostData, contentEncoding: String? = nil) -> (postData: HAR.PostData, decoded: Bool) {
        var copy = postData
        if let params = postData.params { copy.params = redactParameters(params, kind: "body") }
        let isBase64 = postData.encoding?.lowercased() == "base64"
        guard
            let stored = redactStoredBody(postData.text, isBase64: isBase64, mimeType: postData.mimeType, contentEncoding: contentEncoding)
        else { return (copy, false) }
        copy.text = stored.text
        copy.encoding = stored.isBase64 ? "base64" : nil
        return (copy, stored.decoded)
    }

    /// A response body; `contentEncoding` is the response's `Content-Encoding`.
    mutating func redactContent(_ content: HAR.Content, contentEncoding: String? = nil) -> (content: HAR.Content, decoded: Bool) {
        guard let text = content.text else { return (content, false) }
        let isBase64 = content.encoding?.lowercased() == "base64"
        guard let stored = redactStoredBody(text, isBase64: isBase64, mimeType: content.mimeType, contentEncoding: contentEncoding)
        else { return (content, false) }
        var copy = content
        copy.text = stored.text
        copy.encoding = stored.isBase64 ? "base64" : nil
        copy.size = stored.size
        return (copy, stored.decoded)
    }

    /// A body as HAR stores it after redaction.
    struct StoredBody {
        var text: String
        var isBase64: Bool
        var size: Int
        /// The stored body is the decoded one (drop `Content-Encoding`).
        var decoded: Bool
    }

    /// `nil`: keep the body exactly as it was (unchanged, or refused/opaque).
    private mutating func redactStoredBody(_ text: String, isBase64: Bool, mimeType: String, contentEncoding: String?) -> StoredBody? {
        guard !text.isEmpty else { return nil }
        let type = MediaType(mimeType)
        var bytes: Data
        if isBase64 {
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                keepOpaque(nil, type: mimeType, encoding: nil, reason: "the base64 body is not valid base64")
                return nil
            }
            bytes = data
        } else {
            bytes = Data(text.utf8)
        }
        var decodedLayers = 0
        let codings = contentEncoding.map(ContentDecoding.codings) ?? []
        // `identity` alone has no coding to undo, but the header still goes with the decoded body.
        let hasEncodingHeader = !(contentEncoding?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        if let header = contentEncoding, !codings.isEmpty {
            switch ContentDecoding.decode(bytes, contentEncoding: header, maxOutput: Self.decodedBodyLimit) {
            case .decoded(let data, let layers):
                bytes = data
                decodedLayers = layers
            case .unsupported(let coding):
                keepOpaque(nil, type: mimeType, encoding: coding, reason: "no decoder for this Content-Encoding")
                return nil
            case .failed(let coding, let reason):
                keepOpaque(nil, type: mimeType, encoding: coding, reason: "the encoded body cannot be decoded (\(reason))")
                return nil
            }
        }
        let read = readBody(bytes, type: type)
        let output: Data
        switch read {
        case .read(let data): output = data
        case .unreadable(let reason):
            unreadable.append(UnreadableBody(entry: entry, side: side, contentType: mimeType, reason: reason))
            return nil
        }
        let changed = output != bytes
        guard changed || decodedLayers > 0 || hasEncodingHeader else { return nil }
        if !changed, decodedLayers == 0, !isBase64 {
            return StoredBody(text: text, isBase64: false, size: bytes.count, decoded: true)
        }
        if let outputText = String(validating: output, as: UTF8.self) {
            return StoredBody(text: outputText, isBase64: false, size: output.count, decoded: hasEncodingHeader)
        }
        return StoredBody(text: output.base64EncodedString(), isBase64: true, size: output.count, decoded: hasEncodingHeader)
    }

    /// A body no reader understands at the top level: kept and reported when the policy allows
    /// opaque bodies (after the value rules, when it is text), else recorded as unreadable.
    private mutating func keepOpaque(_ text: String?, type: String, encoding: String?, reason: String) {
        if policy.allowOpaqueBodies {
            record(
                kind: "body", location: "(opaque \(UnreadableBody(entry: entry, side: side, contentType: type, reason: "").contentType))",
                rule: "opaque-body")
        } else {
            unreadable.append(UnreadableBody(entry: entry, side: side, contentType: type, encoding: encoding, reason: reason))
        }
    }

    /// Reads decoded body bytes with the reader for `type`.
    mutating func readBody(_ bytes: Data, type: MediaType) -> BodyRead {
        guard !bytes.isEmpty else { return .read(bytes) }
        guard readerDepth < Self.maximumReaderDepth else { return .unreadable("bodies nested more than \(Self.maximumReaderDepth) deep") }
        readerDepth += 1
        defer { readerDepth -= 1 }
        let reader = type.reader
        if reader == .multipart { return readMultipart(bytes, type: type) }
        guard reader != .opaque, let text = String(validating: bytes, as: UTF8.self), ContentDecoding.looksLikeText(bytes) else {
            let reason = reader == .opaque ? "no reader for this content type" : "the body is not UTF-8 text"
            return opaque(bytes, reason: reason)
        }
        let redacted: String?
        switch reader {
        case .json:
            redacted = readJSONBody(text)
        case .form:
            redacted = readForm(text)
        case .markup(let html):
            redacted = readMarkup(text, html: html)
        case .graphql:
            redacted = Self.startsLikeJSON(text) ? (readJSONBody(text) ?? readGraphQL(text)) : readGraphQL(text)
        case .javascript, .text, .sniff:
            redacted = Self.startsLikeJSON(text) ? (readJSONBody(text) ?? readPlainText(text)) : readPlainText(text)
        case .multipart, .opaque:
            redacted = nil
        }
        guard let redacted else { return opaque(bytes, reason: "the \(Self.readerName(reader)) reader found no structure it can redact") }
        return .read(Data(redacted.utf8))
    }

    /// A body (or part) no reader understands: with opaque bodies allowed, kept after the value
    /// rules when it is text and reported as `opaque-body`; else unreadable.
    mutating func opaque(_ bytes: Data, reason: String) -> BodyRead {
        guard policy.allowOpaqueBodies else { return .unreadable(reason) }
        record(kind: "body", location: "(opaque)", rule: "opaque-body")
        guard let text = String(validating: bytes, as: UTF8.self) else { return .read(bytes) }
        return .read(Data(redactText(text, kind: "body", location: "(opaque)").utf8))
    }

    /// Whether text (after a BOM, blanks or an XSSI/JSONP prefix) starts like JSON.
    static func startsLikeJSON(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ")"): return true
            default: return JSONFraming.hasPrefixFraming(text)
            }
        }
        return false
    }

    private static func readerName(_ reader: MediaType.Reader) -> String {
        switch reader {
        case .json: return "JSON"
        case .form: return "form"
        case .multipart: return "multipart"
        case .markup(let html): return html ? "HTML" : "XML"
        case .graphql: return "GraphQL"
        case .javascript: return "JavaScript"
        case .text, .sniff: return "text"
        case .opaque: return "opaque"
        }
    }
}
