import CassetteKit

/// A number from the schema (a bound or a `multipleOf` divisor), kept both as a double for the
/// fast path and as an exact decimal for ties and divisibility.
struct NumericBound: Sendable {
    let literal: String
    let value: Double
    let decimal: DecimalLiteral?

    init(_ number: JSONNumber) {
        literal = number.literal
        value = number.doubleValue
        decimal = DecimalLiteral(number.literal)
    }

    /// Compares an instance number with this bound: exact, whatever the magnitudes.
    /// (Rounding to double is monotonic, so a strict double inequality is already exact; only
    /// double ties need the decimal comparison.)
    func compare(_ literal: String, _ double: Double) -> Ordering {
        if double < value { return .less }
        if double > value { return .greater }
        if literal == self.literal { return .equal }
        if let decimal, let instance = DecimalLiteral(literal) { return instance.compare(decimal) }
        return .equal
    }

    /// Whether `literal` (with double value `double`) is an integer multiple of this divisor.
    func divides(_ literal: String, _ double: Double) -> Bool {
        if let decimal, let instance = DecimalLiteral(literal),
            let exact = instance.isMultiple(of: decimal)
        {
            return exact
        }
        let quotient = double / value
        guard quotient.isFinite else { return false }
        return quotient == quotient.rounded()
    }

    enum Ordering { case less, equal, greater }
}

/// A decimal number literal as sign × digits × 10^exponent, digits without leading or trailing
/// zeros (zero has no digits).
struct DecimalLiteral: Sendable, Equatable {
    let negative: Bool
    let digits: [UInt8]
    let exponent: Int

    init?(_ literal: String) {
        var negative = false
        var digits: [UInt8] = []
        var exponent = 0
        var seenPoint = false
        var index = literal.utf8.startIndex
        let utf8 = literal.utf8
        if index < utf8.endIndex, utf8[index] == UInt8(ascii: "-") {
            negative = true
            index = utf8.index(after: index)
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
                if seenPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let power = Int(String(literal[literal.index(after: index)...]).replacingPlus()),
                    abs(power) < 1_000_000
                else { return nil }
                exponent += power
                index = utf8.endIndex
                break
            } else {
                return nil
            }
            index = utf8.index(after: index)
        }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        self.negative = negative && !digits.isEmpty
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : exponent
    }

    var isZero: Bool { digits.isEmpty }

    func compare(_ other: DecimalLiteral) -> NumericBound.Ordering {
        if negative != other.negative { return negative ? .less : .greater }
        let magnitude = compareMagnitude(other)
        if negative {
            switch magnitude {
            case .less: return .greater
            case .greater: return .less
            case .equal: return .equal
            }
        }
        return magnitude
    }

    private func compareMagnitude(_ other: DecimalLiteral) -> NumericBound.Ordering {
        if isZero || other.isZero {
            if isZero && other.isZero { return .equal }
            return isZero ? .less : .greater
        }
        let order = digits.count + exponent
        let otherOrder = other.digits.count + other.exponent
        if order != otherOrder { return order < otherOrder ? .less : .greater }
        for position in 0..<max(digits.count, other.digits.count) {
            let mine = position < digits.count ? digits[position] : 0
            let theirs = position < other.digits.count ? other.digits[position] : 0
            if mine != theirs { return mine < theirs ? .less : .greater }
        }
        return .equal
    }

    /// The digits as an integer, when they fit in 64 bits.
    private var mantissa: UInt64? {
        guard digits.count <= 19 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// Whether self / divisor is an integer; `nil` when the mantissas are too large to decide here.
    func isMultiple(of divisor: DecimalLiteral) -> Bool? {
        if isZero { return true }
        guard !divisor.isZero, let m1 = mantissa, let m2 = divisor.mantissa else { return nil }
        if exponent >= divisor.exponent {
            // m1 * 10^k / m2 is an integer iff m2 / gcd(m1, m2) divides 10^k, i.e. is 2^a 5^b with a, b <= k.
            let k = exponent - divisor.exponent
            var rest = m2 / gcd(m1, m2)
            var twos = 0
            var fives = 0
            while rest % 2 == 0 {
                rest /= 2
                twos += 1
            }
            while rest % 5 == 0 {
                rest /= 5
                fives += 1
            }
            return rest == 1 && twos <= k && fives <= k
        }
        // m1 / (m2 * 10^k) is an integer iff m2 * 10^k divides m1.
        var scaled = m2
        for _ in 0..<(divisor.exponent - exponent) {
            let (next, overflow) = scaled.multipliedReportingOverflow(by: 10)
            if overflow { return false }
            scaled = next
        }
        return m1 % scaled == 0
    }

    private func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

extension String {
    fileprivate func replacingPlus() -> String {
        hasPrefix("+") ? String(dropFirst()) : self
    }
}
