import CassetteAudit
public import CassetteFormat

/// The former display helpers of near-miss reports, kept so that code written against them
/// still compiles; each forwards to `SafeDisplay`, the one display path.
@available(*, deprecated, message: "Use SafeDisplay, the one display path for every printed value.")
public enum ReportSafety {
    /// What a hidden value is shown as (`SafeDisplay` names a coarse kind: `<hidden:token>`).
    public static let hidden = "<hidden>"

    /// Whether a header, cookie, parameter or member name suggests a secret value.
    public static func isSensitiveName(_ name: String) -> Bool { SafeDisplay.isSecretName(name) }

    /// Whether a value looks like a credential whatever its name.
    public static func looksLikeCredential(_ value: String) -> Bool { SafeDisplay.looksSecret(value) }

    /// A value fit for display under `name` (see `SafeDisplay/value(_:name:)`).
    public static func display(name: String, value: String) -> String { SafeDisplay.value(value, name: name) }

    /// A JSON value fit for display under `name` (see `SafeDisplay/json(_:name:limit:)`).
    public static func display(name: String, json: JSONValue) -> String { SafeDisplay.json(json, name: name) }

    /// The value with everything but placeholders, auth scheme words and cookie names hidden.
    public static func mask(_ value: String) -> String { SafeDisplay.value(value, name: "secret") }

    /// A URL fit for display (see `SafeDisplay/url(_:)`).
    public static func display(url: String) -> String { SafeDisplay.url(url) }

    /// Shortens long text for one-line display.
    public static func truncate(_ text: String, limit: Int) -> String { SafeDisplay.truncate(text, limit: limit) }
}
