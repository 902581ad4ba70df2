import Foundation

/// Whether any trace of a secret is left in a text a user would read: the value itself, its
/// percent-encoded, base64 and base64url forms, or any run of ten of its characters (a prefix or
/// suffix shown by a careless mask). Tests assert on the boolean, never print the text.
public enum SecretTraces {
    /// `true` when `text` holds the secret in any of the forms above.
    public static func found(_ secret: String, in text: String) -> Bool {
        var forms = [secret]
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.append(encoded) }
        let base64 = Data(secret.utf8).base64EncodedString()
        forms.append(base64)
        forms.append(
            base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: ""))
        if forms.contains(where: { text.contains($0) }) { return true }
        let characters = Array(secret)
        guard characters.count >= 10 else { return false }
        for start in 0...(characters.count - 10) where text.contains(String(characters[start..<(start + 10)])) {
            return true
        }
        return false
    }
}
