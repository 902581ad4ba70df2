/// Fresh random values for the emulator's credentials: new at every start, never seeded, so a
/// credential cannot be predicted from a cassette or the seed.
enum RandomToken {
    static func string(_ count: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters[Int.random(in: 0..<characters.count, using: &generator)] })
    }

    static func hex(_ count: Int) -> String { string(count, alphabet: "0123456789abcdef") }
    static func alphanumeric(_ count: Int) -> String {
        string(count, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    }
    static func base64url(_ count: Int) -> String {
        string(count, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    }
    static func digits(_ count: Int) -> String { string(1, alphabet: "123456789") + string(count - 1, alphabet: "0123456789") }
}
