import CassetteFormat
import CassetteProviders

extension JSONPointer {
    /// The RFC 6901 text of the pointer, built without Foundation string replacement (only
    /// tokens holding `~` or `/` need escaping), because redaction names every string it visits.
    var reportText: String {
        var text = ""
        for token in tokens {
            text.append("/")
            if token.utf8.contains(0x7E) || token.utf8.contains(0x2F) {
                for character in token {
                    switch character {
                    case "~": text.append("~0")
                    case "/": text.append("~1")
                    default: text.append(character)
                    }
                }
            } else {
                text.append(token)
            }
        }
        return text
    }
}
