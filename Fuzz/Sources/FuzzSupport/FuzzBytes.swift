import Foundation

/// Reads a fuzz input as a sequence of choices and fields, so that one byte string describes a
/// structured document (a HAR entry, a file with a format). Never fails: past the end, choices
/// are 0 and fields are empty.
public struct FuzzBytes {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ data: Data) {
        bytes = Array(data)
    }

    /// Whether every byte was read.
    public var isAtEnd: Bool { index >= bytes.count }

    /// One byte, 0 past the end.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    /// One of `choices` (which must not be empty), chosen by the next byte.
    public mutating func choose<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }

    /// The bytes up to the next `separator` (0x00 by default) or the end, separator skipped.
    public mutating func field(separator: UInt8 = 0) -> [UInt8] {
        let start = min(index, bytes.count)
        var end = start
        while end < bytes.count, bytes[end] != separator { end += 1 }
        index = end + 1
        return Array(bytes[start..<end])
    }

    /// ``field(separator:)`` as text (invalid UTF-8 repaired, as HAR text would be).
    public mutating func text(separator: UInt8 = 0) -> String {
        String(decoding: field(separator: separator), as: UTF8.self)
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        let start = min(index, bytes.count)
        index = bytes.count
        return Array(bytes[start...])
    }
}
