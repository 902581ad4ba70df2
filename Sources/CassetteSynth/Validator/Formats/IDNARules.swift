/// IDNA2008 U-label checks (RFC 5891 section 4.2, RFC 5892 derivation and contextual rules),
/// computed from the Unicode properties Swift exposes. Scripts and joining types, which Swift
/// does not expose, are approximated by their Unicode blocks.
enum IDNARules {
    static func isULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if label.first == "-" || label.last == "-" { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        for (index, scalar) in label.enumerated() {
            switch status(of: scalar) {
            case .valid: continue
            case .disallowed: return false
            case .contextual:
                guard contextAllows(scalar, at: index, in: label) else { return false }
            }
        }
        return true
    }

    private enum Status { case valid, disallowed, contextual }

    /// RFC 5892 section 3 derivation, in its order.
    private static func status(of scalar: Unicode.Scalar) -> Status {
        let value = scalar.value
        switch value {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007: return .valid
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9: return .contextual
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return .disallowed
        default: break
        }
        let properties = scalar.properties
        if properties.generalCategory == .unassigned { return .disallowed }
        if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || value == 0x2D { return .valid }
        if value == 0x200C || value == 0x200D { return .contextual }
        if properties.changesWhenNFKCCaseFolded { return .disallowed }
        if properties.isDefaultIgnorableCodePoint || properties.isWhitespace || properties.isNoncharacterCodePoint {
            return .disallowed
        }
        if (0x20D0...0x20FF).contains(value) || (0x1D100...0x1D24F).contains(value) { return .disallowed }
        if (0x1100...0x11FF).contains(value) || (0xA960...0xA97F).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return .disallowed
        }
        switch properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark,
            .spacingMark:
            return .valid
        default:
            return .disallowed
        }
    }

    /// RFC 5892 appendix A.
    private static func contextAllows(_ scalar: Unicode.Scalar, at index: Int, in label: [Unicode.Scalar]) -> Bool {
        let before = index > 0 ? label[index - 1] : nil
        let after = index + 1 < label.count ? label[index + 1] : nil
        switch scalar.value {
        case 0x200C:
            if let before, before.properties.canonicalCombiningClass == .virama { return true }
            return zeroWidthNonJoinerJoins(at: index, in: label)
        case 0x200D:
            guard let before else { return false }
            return before.properties.canonicalCombiningClass == .virama
        case 0x00B7:
            return before == "l" && after == "l"
        case 0x0375:
            guard let after else { return false }
            return isGreek(after)
        case 0x05F3, 0x05F4:
            guard let before else { return false }
            return isHebrew(before)
        case 0x30FB:
            return label.contains { $0.value != 0x30FB && (isHiragana($0) || isKatakana($0) || isHan($0)) }
        case 0x0660...0x0669:
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }

    /// `(Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})`,
    /// with joining letters approximated as letters of the Arabic-family blocks.
    private static func zeroWidthNonJoinerJoins(at index: Int, in label: [Unicode.Scalar]) -> Bool {
        var left = index - 1
        while left >= 0, isTransparent(label[left]) { left -= 1 }
        var right = index + 1
        while right < label.count, isTransparent(label[right]) { right += 1 }
        guard left >= 0, right < label.count else { return false }
        return isJoiningLetter(label[left]) && isJoiningLetter(label[right])
    }

    private static func isTransparent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    private static func isJoiningLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.properties.generalCategory == .otherLetter else { return false }
        let value = scalar.value
        return (0x0620...0x08FF).contains(value) || (0xA840...0xA877).contains(value) || (0x10AC0...0x10AFF).contains(value)
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0590...0x05FF).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isHiragana(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x309F).contains(scalar.value) || scalar.value == 0x1B001
    }

    private static func isKatakana(_ scalar: Unicode.Scalar) -> Bool {
        (0x30A0...0x30FF).contains(scalar.value) || (0x31F0...0x31FF).contains(scalar.value)
            || (0xFF66...0xFF9D).contains(scalar.value)
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x20000...0x2FA1F).contains(value) || (0xF900...0xFAFF).contains(value)
            || value == 0x3005 || value == 0x3007 || (0x3021...0x3029).contains(value) || (0x3038...0x303B).contains(value)
    }
}
