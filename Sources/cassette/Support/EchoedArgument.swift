import CassetteKit
import Foundation

/// Option values echoed in usage errors, through the display path.
enum EchoedArgument {
    /// A `-H` argument that is not `Name: value`: when its first word names a credential header
    /// (`Authorization Bearer ...`), the rest is hidden like that header's value; otherwise it
    /// is judged as text.
    static func header(_ argument: String) -> String {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard let split = trimmed.firstIndex(where: { $0 == " " || $0 == "=" }) else { return SafeDisplay.text(trimmed) }
        let name = String(trimmed[..<split])
        guard SafeDisplay.isSecretName(name) else { return SafeDisplay.text(trimmed) }
        return name + String(trimmed[split]) + SafeDisplay.header(name: name, value: String(trimmed[trimmed.index(after: split)...]))
    }
}
