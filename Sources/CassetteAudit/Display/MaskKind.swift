/// The coarse kind a mask names: what the hidden value was taken for, never anything of the
/// value itself (no prefix, suffix, length or hash).
enum MaskKind: String, Sendable {
    /// A value under a secret-sounding name (`secret`, `api_key`, `signature`, OAuth `code`).
    case secret
    /// A value of a credential header or session cookie (`Authorization`, `Cookie`, `X-Api-Key`).
    case credential
    /// A value under a password name.
    case password
    /// A one-time-password seed, an `otpauth://` secret or a recovery code.
    case otp
    /// A token recognised by its format or its randomness.
    case token
    /// A JSON Web Token.
    case jwt
    /// A PEM private key.
    case privateKey = "private-key"

    /// `<hidden:token>`.
    var mask: String { "<hidden:\(rawValue)>" }
}
