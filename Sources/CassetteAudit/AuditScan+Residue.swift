import CassetteFormat

/// The members of a HAR document that `HAR/Log` does not keep (`pages`, `cache`, `_custom`
/// extension fields, unknown members): audited by JSON pointer, so nothing in a file escapes the
/// audit because the model dropped it.
extension AuditScan {
    /// Which members of an object the HAR model keeps, and how to descend into them.
    private indirect enum Shape: Sendable {
        /// A leaf the model keeps (audited through the model).
        case modelled
        /// An object whose listed members are known; anything else is residue.
        case object([String: Shape])
        /// An array whose elements all have one shape.
        case array(Shape)
    }

    private static let nameValue = Shape.object(["name": .modelled, "value": .modelled])
    private static let cookie = Shape.object([
        "name": .modelled, "value": .modelled, "path": .modelled, "domain": .modelled, "expires": .modelled,
        "httpOnly": .modelled, "secure": .modelled, "sameSite": .modelled,
    ])
    private static let document = Shape.object([
        // Only what the model scan reads is `.modelled`; every other string (creator, version,
        // `_cassette`, methods, HTTP versions, MIME types, encodings) goes through the generic walk.
        "log": .object([
            "comment": .modelled,
            "entries": .array(
                .object([
                    "time": .modelled, "comment": .modelled,
                    "timings": .object(["send": .modelled, "wait": .modelled, "receive": .modelled]),
                    "request": .object([
                        "url": .modelled, "cookies": .array(cookie),
                        "headers": .array(nameValue), "queryString": .array(nameValue), "headersSize": .modelled,
                        "bodySize": .modelled,
                        "postData": .object(["text": .modelled, "params": .array(nameValue)]),
                    ]),
                    "response": .object([
                        "status": .modelled, "statusText": .modelled, "cookies": .array(cookie),
                        "headers": .array(nameValue), "redirectURL": .modelled, "headersSize": .modelled,
                        "bodySize": .modelled,
                        "content": .object(["size": .modelled, "text": .modelled]),
                    ]),
                ])),
        ])
    ])

    /// Audits everything in `document` the HAR model does not keep.
    mutating func scanResidue(of document: JSONValue) {
        var path: [String] = []
        path.reserveCapacity(8)
        scanResidue(document, shape: Self.document, path: &path)
    }

    /// `path` holds the tokens down to `value`; a pointer is made only for residue.
    private mutating func scanResidue(_ value: JSONValue, shape: Shape, path: inout [String]) {
        switch (shape, value) {
        case (.modelled, _):
            return
        case (.object(let members), .object(let object)):
            for member in object {
                path.append(member.key)
                defer { path.removeLast() }
                if let memberShape = members[member.key] {
                    scanResidue(member.value, shape: memberShape, path: &path)
                } else {
                    let child = JSONPointer(tokens: path)
                    scanJSON(
                        member.value, pointer: child, base: "document",
                        site: ScanSite(entry: Self.entryIndex(child), location: "document", key: member.key), depth: 0)
                }
            }
        case (.array(let element), .array(let elements)):
            for (index, item) in elements.enumerated() {
                path.append(String(index))
                defer { path.removeLast() }
                scanResidue(item, shape: element, path: &path)
            }
        default:
            // A shape the model would have refused; nothing else to audit here.
            return
        }
    }

    private static func entryIndex(_ pointer: JSONPointer) -> Int? {
        let tokens = pointer.tokens
        guard tokens.count >= 3, tokens[0] == "log", tokens[1] == "entries" else { return nil }
        return Int(tokens[2])
    }
}
