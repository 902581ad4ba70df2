import CassetteFormat

/// Free text made safe word by word, in one pass over its UTF-8 bytes.
///
/// Words end at whitespace, quotes, brackets, `,`, `;`, `|` and backticks (kept as they are).
/// Each word is judged whole (a token format, a known prefix, a long random run), then, when it
/// is a URL, part by part (see ``URLDisplay``), else piece by piece at `/ ? # &`, with `name=value`
/// and `name:value` pieces judged by their name too. After `Name:` on a line (a header line, a
/// JSON member), the rest of the line is judged under that name.
enum TextDisplay {
    /// How deep values inside values (a URL in a query value in a word) are taken apart; deeper
    /// parts are judged whole.
    static let maximumDepth = 6

    private static let separatorTable: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in " \t\n\r\"'<>()[]{},;`|".utf8 { table[Int(byte)] = true }
        return table
    }()

    static func isSeparator(_ byte: UInt8) -> Bool { separatorTable[Int(byte)] }

    static func display(_ text: Substring, depth: Int) -> String {
        let bytes = text.utf8
        var output = ""
        output.reserveCapacity(bytes.count)
        var lineName: Substring?
        var previousWord: Substring?
        var wordStart: Substring.UTF8View.Index?
        var index = bytes.startIndex

        func finishWord(at end: Substring.UTF8View.Index) {
            guard let start = wordStart else { return }
            wordStart = nil
            let word = text[start..<end]
            if word == ":" {
                if let previousWord, isIdentifier(previousWord) { lineName = previousWord }
                output += ":"
                return
            }
            if word.utf8.count > 1, word.utf8.last == UInt8(ascii: ":"), isIdentifier(word.dropLast()) {
                output += String(word)
                lineName = word.dropLast()
                previousWord = word.dropLast()
                return
            }
            output += displayWord(word, lineName: lineName, depth: depth)
            previousWord = word
        }

        while index != bytes.endIndex {
            let byte = bytes[index]
            if isSeparator(byte) {
                finishWord(at: index)
                output.unicodeScalars.append(Unicode.Scalar(byte))
                if byte == UInt8(ascii: "\n") { lineName = nil }
            } else if wordStart == nil {
                wordStart = index
            }
            index = bytes.index(after: index)
        }
        finishWord(at: bytes.endIndex)
        return output
    }

    /// One word, judged under the name that governs its line (if any).
    static func displayWord(_ word: Substring, lineName: Substring?, depth: Int) -> String {
        if word.isEmpty || ValueMasking.isHarmless(word) { return String(word) }
        if let lineName, let kind = SecretLikeness.kind(ofName: lineName) {
            return ValueMasking.isSchemeWord(word) ? String(word) : ValueMasking.maskAll(word, kind: kind)
        }
        return displayWord(word, depth: depth)
    }

    /// One word with no name around it.
    static func displayWord(_ word: Substring, depth: Int) -> String {
        if word.isEmpty || ValueMasking.isHarmless(word) { return String(word) }
        // A path or pointer (`/v1/reset/<token>`) is judged segment by segment below, so the
        // readable segments stay visible; anything else is judged whole first.
        if word.utf8.first != UInt8(ascii: "/"), let kind = judge(word) { return kind.mask }
        if depth < maximumDepth, ASCIIText.contains("://", in: String(word)) {
            return URLDisplay.display(word, depth: depth + 1)
        }
        var output = ""
        var pieceStart = word.utf8.startIndex
        var index = word.utf8.startIndex
        while index != word.utf8.endIndex {
            let byte = word.utf8[index]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "&") {
                output += displayPiece(word[pieceStart..<index], depth: depth)
                output.unicodeScalars.append(Unicode.Scalar(byte))
                pieceStart = word.utf8.index(after: index)
            }
            index = word.utf8.index(after: index)
        }
        output += displayPiece(word[pieceStart...], depth: depth)
        return output
    }

    /// A piece of a word: `name=value`, `name:value`, or a run judged whole.
    private static func displayPiece(_ piece: Substring, depth: Int) -> String {
        if piece.isEmpty || ValueMasking.isHarmless(piece) { return String(piece) }
        if let split = pairSplit(piece) {
            let name = piece[..<split]
            let value = piece[piece.utf8.index(after: split)...]
            let separator = piece[split..<piece.utf8.index(after: split)]
            return judgeRun(name) + separator + displayValue(value, name: name, plusAsSpace: false, depth: depth + 1)
        }
        return judgeRun(piece)
    }

    /// Where a piece splits into name and value: the first `=` (not base64 padding), or a `:`
    /// after an identifier.
    private static func pairSplit(_ piece: Substring) -> Substring.UTF8View.Index? {
        let bytes = piece.utf8
        if let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals != bytes.startIndex,
            !bytes[equals...].allSatisfy({ $0 == UInt8(ascii: "=") })
        {
            return equals
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon != bytes.startIndex, bytes.index(after: colon) != bytes.endIndex,
            isIdentifier(piece[..<colon])
        {
            return colon
        }
        return nil
    }

    /// A value under a name (query, form, matrix, `key=value` in text): masked whole when the
    /// name announces a secret, else judged as text after percent-decoding. Shown as written
    /// when nothing in it is hidden.
    static func displayValue(_ raw: Substring, name: Substring, plusAsSpace: Bool, depth: Int) -> String {
        let decoded = PercentDecoding.decode(raw, plusAsSpace: plusAsSpace)
        if decoded.isEmpty { return String(raw) }
        let decodedName = PercentDecoding.decode(name, plusAsSpace: plusAsSpace)
        if let kind = SecretLikeness.kind(ofName: decodedName) {
            let masked = ValueMasking.maskAll(decoded[...], kind: kind)
            return masked == decoded ? String(raw) : masked
        }
        guard depth < maximumDepth else { return judgeRun(raw) }
        let shown = display(decoded[...], depth: depth + 1)
        return shown == decoded ? String(raw) : shown
    }

    /// A run shown as it is, or as a mask when it (or its percent-decoded form) looks secret.
    static func judgeRun(_ run: Substring) -> String {
        if run.isEmpty || ValueMasking.isHarmless(run) { return String(run) }
        return judge(run)?.mask ?? String(run)
    }

    /// Whether a run looks secret, as written or percent-decoded.
    static func judge(_ run: Substring) -> MaskKind? {
        if let kind = SecretLikeness.kind(ofValue: run) { return kind }
        guard run.utf8.contains(UInt8(ascii: "%")) else { return nil }
        let decoded = PercentDecoding.decode(run, plusAsSpace: false)
        if let kind = SecretLikeness.kind(ofValue: decoded) { return kind }
        // A decoded run may hold spaces or quotes: judge its words too.
        for word in decoded.utf8.split(whereSeparator: isSeparator) {
            if let kind = SecretLikeness.kind(ofValue: Substring(word)) { return kind }
        }
        return nil
    }

    /// Letters, digits, `-` and `_`: a header, member or parameter name (at most 64 bytes).
    static func isIdentifier(_ text: Substring) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { TokenFormats.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}
