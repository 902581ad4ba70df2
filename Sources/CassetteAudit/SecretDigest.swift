import CassetteFormat

/// A one-way digest of a secret value, kept in memory only so that a baseline can recognise an
/// accepted finding without the value: the baseline stores `SHA-256(salt ‖ digest)`, never this.
///
/// Its description never shows the bytes.
public struct SecretDigest: Sendable, Hashable, CustomStringConvertible {
    let bytes: [UInt8]

    /// The digest of a value.
    public init(of value: String) {
        bytes = SHA256.hash(Array(value.utf8))
    }

    /// The salted hash a baseline file stores: lowercase hex of `SHA-256(salt ‖ SHA-256(value))`.
    public func saltedHash(salt: String) -> String {
        SHA256.hex(SHA256.hash(Array(salt.utf8) + bytes))
    }

    public var description: String { "SecretDigest(…)" }
}
