import CassetteFormat
import Foundation

/// Bodies: decoded on the audit's own (base64, every `Content-Encoding` in the chain, gzip by its
/// magic), within one inflate budget per file, then read as JSON, a JSON variant (BOM, XSSI,
/// JSONP, NDJSON), a form, or text. No body is skipped: what cannot be decoded is a finding.
extension AuditScan {
    /// A body as HAR stores it.
    mutating func scanBody(text: String, encoding: String?, mimeType: String, contentEncoding: String?, at site: ScanSite) {
        var data: Data?
        if encoding?.lowercased() == "base64" {
            guard let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                // Not base64 after all: audited as the text it is.
                scanBodyText(text, mimeType: mimeType, at: site)
                return
            }
            data = decoded
        }
        let codings = Self.codings(contentEncoding)
        if !codings.isEmpty || data.map(GzipCodec.isGzip) == true {
            var bytes = data ?? Data(text.utf8)
            // Undo the codings last-applied first; a body a HAR writer already decoded reads as text.
            codingLoop: for coding in codings.isEmpty ? ["gzip"] : codings.reversed() {
                if TextDecoding.isReadableText(bytes) { break }
                switch decode(bytes, coding: coding, mimeType: mimeType, at: site) {
                case .decoded(let inflated): bytes = inflated
                case .alreadyDecoded: break codingLoop
                case .stop: return
                }
            }
            data = bytes
        }
        if let data {
            guard let decoded = String(data: data, encoding: .utf8) else {
                scanPrintableRuns(data, at: site)
                return
            }
            scanBodyText(decoded, mimeType: mimeType, at: site)
            return
        }
        scanBodyText(text, mimeType: mimeType, at: site)
    }

    /// `gzip, br` into `["gzip", "br"]` (lowercased, `identity` dropped), in the order applied.
    static func codings(_ header: String?) -> [String] {
        guard let header else { return [] }
        return header.lowercased().split(separator: ",").map { ASCIIText.trimmed(String($0)) }.filter { !$0.isEmpty && $0 != "identity" }
    }

    private enum Decoding {
        case decoded(Data)
        case alreadyDecoded
        case stop
    }

    /// One coding undone within the file's budget; a finding (and `.stop`) when it cannot be.
    private mutating func decode(_ bytes: Data, coding: String, mimeType: String, at site: ScanSite) -> Decoding {
        let binaryType = ["image/", "audio/", "video/", "font/"].contains { mimeType.lowercased().hasPrefix($0) }
        let container: GzipCodec.Container
        switch coding {
        case "gzip", "x-gzip":
            // Without the gzip magic the bytes are not gzip: a HAR writer decoded them already.
            guard GzipCodec.isGzip(bytes) else {
                return binaryType || !Self.looksCompressed(bytes) ? .alreadyDecoded : undecodable(coding, at: site)
            }
            container = .gzip
        case "deflate":
            container = .deflate
        default:
            // br, zstd, compress and unknown codings: the audit has no decoder for them.
            return binaryType && !Self.looksCompressed(bytes) ? .alreadyDecoded : undecodable(coding, at: site)
        }
        guard inflateRemaining > 0 else { return budgetSpent(at: site) }
        do {
            // Two caps: the file's shared read budget (past it the file is unreadable) and the
            // audit's own, tighter inflate budget (past it, a finding).
            let inflated = try GzipCodec.decompress(bytes, container: container, budget: budget, limit: inflateRemaining)
            inflateRemaining -= inflated.count
            return .decoded(inflated)
        } catch {
            switch error {
            case .exceedsLimit:
                inflateRemaining = 0
                return budgetSpent(at: site)
            case .budgetExceeded(let refusal):
                budgetRefusal = refusal
                return .stop
            default:
                return binaryType ? .alreadyDecoded : undecodable(coding, at: site)
            }
        }
    }

    private mutating func undecodable(_ coding: String, at site: ScanSite) -> Decoding {
        let name = coding.utf8.count <= 16 && coding.utf8.allSatisfy(TextPairs.isNameByte) ? coding : "unknown"
        reportNotice(.undecodableBody, "a \(name)-encoded body the audit cannot decode; nothing inside it was checked", at: site)
        return .stop
    }

    private mutating func budgetSpent(at site: ScanSite) -> Decoding {
        reportNotice(
            .budgetExceeded,
            "compressed bodies inflate past \(AuditScan.inflateBudgetPerFile / (1024 * 1024)) MiB in this file; the rest was not checked",
            at: site)
        return .stop
    }

    /// gzip, zlib or zstd magic bytes.
    private static func looksCompressed(_ bytes: Data) -> Bool {
        guard bytes.count >= 4 else { return false }
        let start = bytes.startIndex
        if GzipCodec.isGzip(bytes) { return true }
        if bytes[start] == 0x28, bytes[start + 1] == 0xB5, bytes[start + 2] == 0x2F, bytes[start + 3] == 0xFD { return true }
        return bytes[start] & 0x0F == 8 && ((UInt16(bytes[start]) << 8) | UInt16(bytes[start + 1])) % 31 == 0
    }

    /// Decoded body text: JSON by pointer, a JSON variant, a form by parameter, or text by shape.
    mutating func scanBodyText(_ body: String, mimeType: String, at site: ScanSite) {
        let trimmed = JSONVariants.strippingBOM(ASCIIText.trimmed(body))
        if let first = trimmed.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            let json = try? JSONParser.parse(trimmed)
        {
            scanJSON(json, pointer: .root, base: site.location, site: site, depth: 0)
            return
        }
        let variant = JSONVariants.documents(in: trimmed)
        for (index, document) in variant.documents.enumerated() {
            let base = variant.documents.count > 1 ? site.location + " line \(index + 1)" : site.location
            scanJSON(document, pointer: .root, base: base, site: ScanSite(entry: site.entry, location: base), depth: 0)
        }
        if variant.isComplete { return }
        if mimeType.lowercased().contains("x-www-form-urlencoded") || FormText.looksLikeForm(trimmed) {
            scanForm(trimmed, label: " form ", at: site, depth: 0)
            return
        }
        scanText(trimmed, at: site, depth: 0)
    }

    /// A binary body: known formats in its runs of printable ASCII (what `strings` shows), so a
    /// token inside an image or a protobuf is still found.
    mutating func scanPrintableRuns(_ data: Data, at site: ScanSite) {
        var run: [UInt8] = []
        func flush(_ scan: inout AuditScan) {
            if run.count >= 16 {
                for hit in TokenFormats.hits(in: String(decoding: run, as: UTF8.self)) {
                    scan.report(hit.rule, secret: hit.secret, at: site)
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        for byte in data {
            if byte >= 0x20 && byte < 0x7f {
                run.append(byte)
            } else {
                flush(&self)
            }
        }
        flush(&self)
    }
}

/// JSON the strict parser rejects as a whole but that holds JSON documents: a byte-order mark,
/// an XSSI guard (`)]}'`, `while(1);`), JSONP (`callback({...})`), NDJSON (one value a line).
enum JSONVariants {
    /// The text without a leading U+FEFF.
    static func strippingBOM(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? ASCIIText.trimmed(String(text.unicodeScalars.dropFirst())) : text
    }

    /// The documents found, and whether they cover the whole text.
    static func documents(in text: String) -> (documents: [JSONValue], isComplete: Bool) {
        let unguarded = strippingGuard(text)
        if let json = parseStructured(unguarded) { return ([json], true) }
        if let inner = jsonpArgument(unguarded), let json = parseStructured(inner) { return ([json], true) }
        guard unguarded.utf8.contains(0x0a) else { return ([], false) }
        var documents: [JSONValue] = []
        var complete = true
        for line in unguarded.utf8.split(separator: 0x0a) {
            let text = ASCIIText.trimmed(String(decoding: line, as: UTF8.self))
            if text.isEmpty { continue }
            if let json = parseStructured(text) { documents.append(json) } else { complete = false }
        }
        return (documents, complete && !documents.isEmpty)
    }

    private static func parseStructured(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        return try? JSONParser.parse(text)
    }

    private static let guards = [")]}',", ")]}'", "while(1);", "for(;;);", "{}&&"]

    private static func strippingGuard(_ text: String) -> String {
        for prefix in guards where text.utf8.starts(with: prefix.utf8) {
            return ASCIIText.trimmed(String(decoding: text.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
        }
        return text
    }

    /// `name(...)` or `name(...);` with a JavaScript identifier path as the name: the argument.
    private static func jsonpArgument(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")), open > 0, open <= 128,
            bytes[..<open].allSatisfy({
                TokenFormats.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: ".")
            })
        else { return nil }
        var end = bytes.count
        while end > open, ASCIIText.isWhitespace(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: ";") { end -= 1 }
        guard end > open + 1, bytes[end - 1] == UInt8(ascii: ")") else { return nil }
        return ASCIIText.trimmed(String(decoding: bytes[(open + 1)..<(end - 1)], as: UTF8.self))
    }
}

extension AuditScan {
    /// The secret name an object declares for itself in a `type`, `kind` or `object` member
    /// (`{"type": "personal_access_token", "value": ...}`, as token-creation endpoints answer):
    /// its generic members (`value`, `data`, `raw`, …) are then read under that name.
    static func declaredSecretKind(of object: JSONObject, secretKey: (String) -> SecretKey.Kind) -> String? {
        // Most objects have none of these members: one pass over the names says so.
        guard object.contains(where: { isDeclaringName($0.key) }) else { return nil }
        for name in ["type", "kind", "object", "token_type", "tokenType"] {
            guard case .string(let declared)? = object[name], declared.utf8.count <= 64,
                secretKey(declared) != .plain, !declared.lowercased().hasPrefix("bearer")
            else { continue }
            return declared
        }
        return nil
    }

    private static func isDeclaringName(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: return name == "type" || name == "kind"
        case 6: return name == "object"
        case 9: return name == "tokenType"
        case 10: return name == "token_type"
        default: return false
        }
    }
}
