/// `hostname`: RFC 1123 labels (letters, digits, inner hyphens; 1 to 63 bytes; 253 in all), where
/// an `xn--` label must be valid Punycode that decodes to a valid IDNA2008 U-label (RFC 5890-5892:
/// allowed code points, no leading combining mark, and the contextual rules).
enum HostnameFormat {
    static func isHostname(_ text: String) -> Bool {
        withUTF8Bytes(text) { isHostname($0) }
    }

    static func isHostname(_ bytes: ByteSlice) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        // Label by label, in place (splitting allocated an array of slices per check).
        var labelStart = bytes.startIndex
        var position = bytes.startIndex
        while position < bytes.endIndex {
            if bytes[position] == UInt8(ascii: ".") {
                guard isLabel(bytes[labelStart..<position]) else { return false }
                labelStart = position + 1
            }
            position += 1
        }
        return isLabel(bytes[labelStart..<bytes.endIndex])
    }

    private static func isLabel(_ label: ByteSlice) -> Bool {
        guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
            return false
        }
        for byte in label {
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || isDigit || byte == UInt8(ascii: "-") else { return false }
        }
        let start = label.startIndex
        guard label.count >= 4, label[start + 2] == UInt8(ascii: "-"), label[start + 3] == UInt8(ascii: "-") else {
            return true
        }
        // "??--" labels are reserved; only A-labels ("xn--") are allowed.
        guard label[start] | 0x20 == UInt8(ascii: "x"), label[start + 1] | 0x20 == UInt8(ascii: "n"),
            let decoded = Punycode.decode(Array(label[(start + 4)...]))
        else { return false }
        return IDNARules.isULabel(decoded)
    }
}

/// RFC 3492 Punycode decoding.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 128

    /// The code points encoded by `input` (the part after `xn--`), or `nil` when malformed.
    static func decode(_ input: [UInt8]) -> [Unicode.Scalar]? {
        var output: [UInt32] = []
        var rest = input[...]
        if let lastDelimiter = input.lastIndex(of: UInt8(ascii: "-")) {
            for byte in input[..<lastDelimiter] {
                guard byte < 0x80 else { return nil }
                output.append(UInt32(byte))
            }
            rest = input[(lastDelimiter + 1)...]
        }
        guard !rest.isEmpty else { return nil }
        var n = initialN
        var bias = initialBias
        var i = 0
        var position = rest.startIndex
        while position < rest.endIndex {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < rest.endIndex, let digit = digitValue(rest[position]) else { return nil }
                position += 1
                let (product, overflow) = digit.multipliedReportingOverflow(by: w)
                guard !overflow, i <= Int(Int32.max) - product else { return nil }
                i += product
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                let (nextW, overflowW) = w.multipliedReportingOverflow(by: base - t)
                guard !overflowW, nextW <= Int(Int32.max) else { return nil }
                w = nextW
                k += base
            }
            bias = adapt(delta: i - oldI, count: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        return output.compactMap(Unicode.Scalar.init)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }

    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
