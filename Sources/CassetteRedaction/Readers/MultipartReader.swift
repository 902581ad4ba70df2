import CassetteFormat
import Foundation

/// `multipart/*` bodies (`form-data` above all), on the bytes: the boundary from the media type
/// (or the first delimiter line), each part's headers through the value rules, a part whose
/// `name` is secret replaced whole, every other part read by the reader for its own
/// `Content-Type` (text when it has none and no file name). A part no reader understands
/// (a file upload of an image) makes the whole body unreadable unless opaque bodies are allowed.
extension RedactionSession {
    mutating func readMultipart(_ bytes: Data, type: MediaType) -> BodyRead {
        let body = [UInt8](bytes)
        guard let boundaryText = type.parameters["boundary"] ?? Self.sniffBoundary(body), !boundaryText.isEmpty else {
            return .unreadable("a multipart body without a boundary")
        }
        let delimiter = Array(("--" + boundaryText).utf8)
        var starts: [Int] = []
        var search = 0
        while let found = Self.find(delimiter, in: body, from: search) {
            if found == 0 || body[found - 1] == UInt8(ascii: "\n") { starts.append(found) }
            search = found + delimiter.count
        }
        guard starts.count >= 2 else { return .unreadable("a multipart body whose boundary never closes") }
        var output: [UInt8] = Array(body[0..<starts[0]])
        for (number, start) in starts.enumerated() {
            let lineEnd = Self.lineEnd(body, from: start + delimiter.count)
            output += body[start..<lineEnd]
            guard number + 1 < starts.count else {
                output += body[lineEnd...]
                break
            }
            var partEnd = starts[number + 1]
            // The line break before the next delimiter belongs to the delimiter.
            if partEnd > lineEnd, body[partEnd - 1] == UInt8(ascii: "\n") { partEnd -= 1 }
            if partEnd > lineEnd, body[partEnd - 1] == UInt8(ascii: "\r") { partEnd -= 1 }
            switch readPart(body[lineEnd..<partEnd], number: number) {
            case .read(let part): output += part
            case .unreadable(let reason): return .unreadable(reason)
            }
            output += body[partEnd..<starts[number + 1]]
        }
        return .read(Data(output))
    }

    private mutating func readPart(_ part: ArraySlice<UInt8>, number: Int) -> BodyRead {
        guard let split = Self.headerEnd(part) else {
            return .unreadable("multipart part \(number) has no header/body separator")
        }
        let headerText = String(decoding: part[part.startIndex..<split.headers], as: UTF8.self)
        var name: String?
        var fileName: String?
        var contentType = ""
        for line in headerText.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let headerName = line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...])
            if headerName == "content-type" { contentType = value }
            if headerName == "content-disposition" {
                let disposition = MediaType("x/x;" + value)
                name = disposition.parameters["name"]
                fileName = disposition.parameters["filename"]
            }
        }
        var output = Array(redactText(headerText, kind: "body", location: "(multipart headers)").utf8)
        output += part[split.headers..<split.body]
        let content = part[split.body...]
        if let name, !content.isEmpty, BodyRedaction.isSecretName(name, inRequest: inRequest) {
            let value = String(decoding: content, as: UTF8.self)
            output += Array(replaceWhole(value, kind: "body", location: "(multipart) " + name, rule: "multipart:\(name)").utf8)
            return .read(Data(output))
        }
        let partType = contentType.isEmpty && fileName == nil ? MediaType("text/plain") : MediaType(contentType)
        switch readBody(Data(content), type: partType) {
        case .read(let redacted):
            output += redacted
            return .read(Data(output))
        case .unreadable(let reason):
            return .unreadable(
                "multipart part \(number) (content type \(partType.essence.isEmpty ? "(none)" : partType.essence)): \(reason)")
        }
    }

    /// The boundary from a first line `--boundary`.
    private static func sniffBoundary(_ body: [UInt8]) -> String? {
        guard body.count > 2, body[0] == UInt8(ascii: "-"), body[1] == UInt8(ascii: "-") else { return nil }
        var end = 2
        while end < body.count, end < 200, body[end] != UInt8(ascii: "\r"), body[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: body[2..<end], as: UTF8.self)
    }

    private static func lineEnd(_ body: [UInt8], from start: Int) -> Int {
        var index = start
        while index < body.count, body[index] != UInt8(ascii: "\n") { index += 1 }
        return min(index + 1, body.count)
    }

    /// Where the part headers end and its body begins (a blank line, CRLF or LF).
    private static func headerEnd(_ part: ArraySlice<UInt8>) -> (headers: Int, body: Int)? {
        var index = part.startIndex
        if index < part.endIndex, part[index] == UInt8(ascii: "\n") { return (index, index + 1) }
        if index + 1 < part.endIndex, part[index] == UInt8(ascii: "\r"), part[index + 1] == UInt8(ascii: "\n") { return (index, index + 2) }
        while index + 1 < part.endIndex {
            if part[index] == UInt8(ascii: "\n") {
                if part[index + 1] == UInt8(ascii: "\n") { return (index + 1, index + 2) }
                if index + 2 < part.endIndex, part[index + 1] == UInt8(ascii: "\r"), part[index + 2] == UInt8(ascii: "\n") {
                    return (index + 1, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// First occurrence of `needle` (a boundary, at most 72 bytes) at or after `start`.
    private static func find(_ needle: [UInt8], in body: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= body.count else { return nil }
        var index = start
        while index + needle.count <= body.count {
            if body[index] == first, body[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
