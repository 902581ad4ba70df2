public import CassetteFormat

/// The one display path: every request or response value, name, URL, header, JSON pointer or
/// echoed argument the toolkit prints (near-miss reports, matcher diffs, usage errors, audit,
/// import and validate messages, test failures) goes through it.
///
/// A value is hidden when it looks secret
/// - by **name**: it sits under a header, cookie, parameter or member name that announces a
///   credential (`Authorization`, `Cookie`, `api_key`, `password`, `client_secret`, `code`, ...),
///   judged by the audit's own key words;
/// - by **format**: a token format the audit knows (JWTs, GitHub, Slack, Stripe, AWS, Unleash,
///   Atoms, `otpauth://` seeds, PEM keys, and whatever formats the audit learns), or a known
///   secret prefix (`sk-proj-`, `AIza`, `glpat-`, ...) followed by a token;
/// - by **entropy**: a run of 20 or more token characters (32 when only hex) that switches often
///   between lower case, upper case and digits and whose entropy is near the most its length
///   allows.
///
/// A hidden value is replaced by a mask naming a coarse kind only, such as `<hidden:token>`,
/// `<hidden:password>` or `<hidden:jwt>`: never a prefix, suffix, length or hash of the value.
/// What stays visible: placeholders (`REDACTED_3`), authentication scheme words
/// (`Bearer REDACTED_1`, `Bearer <hidden:credential>`), cookie and parameter names, cookie
/// attributes, and ordinary values (`/v2/users/me`, `200`, `application/json`, UUIDs, short ids,
/// words), so reports stay useful.
///
/// Every function is linear in its input (hand-written byte scanners, no regular expressions)
/// and never fails.
///
/// ```swift
/// SafeDisplay.url("https://api.example.com/v1/reset/\(token)?page=2")
/// // https://api.example.com/v1/reset/<hidden:token>?page=2
/// SafeDisplay.header(name: "Authorization", value: "Bearer \(token)")
/// // Bearer <hidden:credential>
/// ```
public enum SafeDisplay {
    /// A value fit for display. Under a `name` that announces a secret, everything but
    /// placeholders, scheme words and pair names is hidden; otherwise the value is judged as
    /// text (see ``text(_:)``).
    public static func value(_ value: String, name: String? = nil) -> String {
        if let name, let kind = SecretLikeness.kind(ofName: name) {
            return ValueMasking.maskAll(value[...], kind: kind)
        }
        return TextDisplay.display(value[...], depth: 0)
    }

    /// A header, cookie, parameter or JSON member name fit for display: shown as written unless
    /// it looks secret itself (a token used as a name).
    public static func name(_ name: String) -> String {
        JSONDisplay.memberName(name)
    }

    /// A header value fit for display under its name (`Authorization`, `Cookie` and other
    /// credential headers hidden but for scheme words, cookie names and placeholders; URLs in
    /// `Location` or `Link` judged part by part).
    public static func header(name: String, value: String) -> String {
        self.value(value, name: name)
    }

    /// `Name: value` for a header line, both judged.
    public static func headerLine(name: String, value: String) -> String {
        "\(self.name(name)): \(header(name: name, value: value))"
    }

    /// A URL (absolute, or a path with a query and fragment) fit for display: the user-info
    /// password always hidden; the user name, host labels, path segments, matrix parameters,
    /// query names and values and the fragment each judged, percent-decoded, by name, format
    /// and entropy. What is not hidden is shown as written.
    public static func url(_ url: String) -> String {
        URLDisplay.display(url[...], depth: 0)
    }

    /// A JSON pointer fit for display: each reference token judged as a member name, so a
    /// secret used as a member name is hidden (`/users/<hidden:token>/name`).
    public static func pointer(_ pointer: JSONPointer) -> String {
        JSONDisplay.pointer(tokens: pointer.tokens)
    }

    /// RFC 6901 pointer text (`/a/b~1c`) fit for display, judged token by token. Text that is
    /// not a pointer is judged as free text.
    public static func pointer(_ text: String) -> String {
        JSONDisplay.pointer(text: text)
    }

    /// A JSON value fit for one-line display under `name`: strings judged under their member
    /// names, numbers under secret names hidden, secret-looking member names hidden, at most
    /// `limit` characters (cut after masking).
    public static func json(_ value: JSONValue, name: String? = nil, limit: Int = 80) -> String {
        JSONDisplay.value(value, name: name, limit: limit)
    }

    /// Free text fit for display (an error message, an echoed argument, a location): every
    /// token-shaped run that looks secret by format or entropy hidden, URLs judged part by
    /// part, `name=value` pieces and the rest of a `Name:` line judged by the name.
    public static func text(_ text: String) -> String {
        TextDisplay.display(text[...], depth: 0)
    }

    /// A finding's or refusal's location (`entry 0 response body /data/<member>`, `request query
    /// NAME`) fit for display: pointers judged token by token, names judged as names.
    public static func location(_ location: String) -> String {
        TextDisplay.display(location[...], depth: 0)
    }

    /// Whether a name announces a secret value (`password`, `access_token`, `Authorization`).
    public static func isSecretName(_ name: String) -> Bool {
        SecretLikeness.kind(ofName: name) != nil
    }

    /// Whether a value looks secret by itself, by format or entropy, whatever its name.
    public static func looksSecret(_ value: String) -> Bool {
        TextDisplay.judge(value[...]) != nil
    }

    /// Shortens text for one-line display (apply it to text already made safe).
    public static func truncate(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
