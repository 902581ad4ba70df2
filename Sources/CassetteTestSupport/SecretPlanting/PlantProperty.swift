import CassetteKit
import Foundation

/// Where the property test plants a secret in an interaction.
public enum PlantPlace: String, CaseIterable, Sendable {
    case requestHeader = "request-header"
    case authorization, cookie
    case setCookie = "set-cookie"
    case query, fragment
    case pathSegment = "path-segment"
    case location, link
    case requestBody = "request-body"
    case responseBody = "response-body"
}

/// One random planted document of the property test, with the choices that made it (printed on
/// failure together with the seed; never the value).
public struct PlantedSample: Sendable, CustomStringConvertible {
    public var document: PlantedDocument
    public var format: SecretFormat
    public var place: PlantPlace
    public var bodyFormat: PlantBodyFormat?
    public var encoding: PlantBodyEncoding?
    /// Whether the name the secret sits under says nothing (only its shape can find it).
    public var neutralName: Bool
    /// Whether the response echoes a request credential.
    public var echoed: Bool

    public var description: String {
        var parts = [format.rawValue, place.rawValue]
        if let bodyFormat { parts.append(bodyFormat.rawValue) }
        if let encoding, encoding != .identity { parts.append(encoding.rawValue) }
        if neutralName { parts.append("neutral-name") }
        if echoed { parts.append("echoed") }
        return parts.joined(separator: "/")
    }
}

/// Random HAR documents (random entries, methods, hosts, headers, bodies of random formats) with a
/// random secret of a random format planted in a random place and encoding.
public enum PlantProperty {
    static let secretNames = [
        "access_token", "refresh_token", "api_key", "client_secret", "session_token", "password", "auth_token", "private_key", "apiKey",
        "sessionToken",
    ]
    static let neutralNames = ["note", "target", "label", "description", "data", "comment"]
    static let headerNames = ["X-API-Key", "X-Auth-Token", "X-Session-Token", "X-Access-Token", "Private-Token"]
    static let cookieNames = ["session", "sid", "auth_token", "__session", "remember_token", "access_token"]
    static let hosts = ["api.example.com", "auth.example.org", "app.example.net", "eu.api.example.io", "127.0.0.1:8080"]
    static let paths = ["/v1/me", "/api/admin/user", "/auth/v1/users/me", "/atoms/v1/user", "/graphql", "/login", "/oauth/token"]
    static let requestFormats: [PlantBodyFormat] = [
        .json, .form, .multipart, .graphql, .xml, .soap, .textKeyEquals, .jsonInString, .jsonUnicodeEscapes,
    ]

    /// The sample for `seed`; the same seed gives the same sample.
    public static func sample(seed: UInt64) -> PlantedSample {
        var planter = Planter(seed: seed)
        var format = planter.random.pick(SecretFormat.allCases)
        let neutral = format.hasRecognisableShape && planter.random.chance(0.4)
        let name = neutral ? planter.random.pick(neutralNames) : planter.random.pick(secretNames)
        var places = PlantPlace.allCases
        if !format.hasRecognisableShape { places.removeAll { $0 == .pathSegment } }
        if !format.isURLSafe { places.removeAll { $0 == .authorization || $0 == .pathSegment } }
        let place = planter.random.pick(places)
        var bodyFormat: PlantBodyFormat?
        var encoding: PlantBodyEncoding?
        var echoed = false
        var entry = noise(&planter.random)
        let host = planter.random.pick(hosts)
        switch place {
        case .requestHeader:
            let header = neutral ? "X-Debug-Note" : planter.random.pick(headerNames)
            entry.requestHeaders.append((header, planter.secret(format)))
        case .authorization:
            let token = planter.secret(format)
            entry.requestHeaders.append(("Authorization", "Bearer " + token))
            if planter.random.chance(0.3) {
                echoed = true
                entry.status = 401
                entry.statusText = "Unauthorized"
                entry.responseText = #"{"error":"invalid_token","error_description":"token \#(token) is not valid"}"#
            }
        case .cookie:
            entry.requestHeaders.append(
                (
                    "Cookie",
                    "theme=dark; \(planter.random.pick(cookieNames))=\(PlantBodyFormat.percentEncode(planter.secret(format))); lang=en"
                ))
        case .setCookie:
            entry.responseHeaders.append(
                (
                    "Set-Cookie",
                    "\(planter.random.pick(cookieNames))=\(PlantBodyFormat.percentEncode(planter.secret(format))); Path=/; HttpOnly; Secure"
                ))
        case .query:
            entry.url =
                "https://\(host)\(planter.random.pick(paths))?page=2&\(name)=\(PlantBodyFormat.percentEncode(planter.secret(format)))"
        case .fragment:
            entry.url = "https://\(host)/callback#\(name)=\(PlantBodyFormat.percentEncode(planter.secret(format)))&expires_in=3600"
        case .pathSegment:
            entry.url = "https://\(host)/v1/keys/\(planter.secret(format))/usage"
        case .location:
            entry.status = 302
            entry.statusText = "Found"
            entry.responseHeaders.append(
                ("Location", "https://\(host)/callback?\(name)=\(PlantBodyFormat.percentEncode(planter.secret(format)))&state=xyz"))
        case .link:
            entry.responseHeaders.append(
                ("Link", "<https://\(host)/v1/items?page=2&\(name)=\(PlantBodyFormat.percentEncode(planter.secret(format)))>; rel=\"next\"")
            )
        case .requestBody:
            let chosen = planter.random.pick(requestFormats)
            bodyFormat = chosen
            let body = chosen.render(key: name, value: planter.secret(format))
            entry.method = planter.random.pick(["POST", "PUT", "PATCH"])
            entry.requestHeaders.append(("Content-Type", body.mimeType))
            let params: [(String, String)]? = chosen == .form || chosen == .multipart ? Plant.formParams(body) : nil
            entry.requestBody = (body.mimeType, body.text, params)
        case .responseBody:
            let chosen = planter.random.pick(PlantBodyFormat.allCases)
            let coding: PlantBodyEncoding = planter.random.chance(0.5) ? .identity : planter.random.pick(PlantBodyEncoding.allCases)
            bodyFormat = chosen
            encoding = coding
            let body = chosen.render(key: name, value: planter.secret(format))
            coding.apply(body.text, mimeType: body.mimeType, to: &entry)
        }
        var entries = (0..<Int.random(in: 0...3, using: &planter.random)).map { _ in noise(&planter.random) }
        entries.insert(entry, at: Int.random(in: 0...entries.count, using: &planter.random))
        format = planter.formats.first ?? format
        let document = PlantedDocument(har: PlantEntry.document(entries), needles: planter.needles, formats: planter.formats)
        return PlantedSample(
            document: document, format: format, place: place, bodyFormat: bodyFormat, encoding: encoding, neutralName: neutral,
            echoed: echoed)
    }

    /// A clean interaction with a random method, host, path, headers and body.
    public static func noise(_ random: inout PlantRandom) -> PlantEntry {
        var entry = PlantEntry()
        entry.method = random.pick(["GET", "GET", "POST", "PUT", "DELETE", "PATCH"])
        entry.url =
            "https://\(random.pick(hosts))\(random.pick(paths))"
            + (random.chance(0.3) ? "?page=\(Int.random(in: 1...9, using: &random))&sort=name" : "")
        if random.chance(0.5) { entry.requestHeaders.append(("Accept-Language", "en-GB,en;q=0.9")) }
        if random.chance(0.3) { entry.responseHeaders.append(("Cache-Control", "no-store")) }
        let body = random.pick(PlantBodyFormat.allCases).render(
            key: "displayName", value: random.pick(["Ada Lovelace", "Grace Hopper", "dark", "en-GB"]))
        random.pick([PlantBodyEncoding.identity, .identity, .base64, .gzip]).apply(body.text, mimeType: body.mimeType, to: &entry)
        return entry
    }
}

extension Plant {
    /// The form params devtools list for a form or multipart body rendered by ``PlantBodyFormat``.
    static func formParams(_ body: (mimeType: String, text: String)) -> [(String, String)] {
        if body.mimeType.hasPrefix("application/x-www-form-urlencoded") {
            return PlantEntry.queryPairs(of: "?" + body.text)
        }
        var params: [(String, String)] = []
        for part in body.text.components(separatedBy: "Content-Disposition: form-data; name=\"").dropFirst() {
            guard let quote = part.firstIndex(of: "\""), let start = part.range(of: "\r\n\r\n"),
                let end = part.range(of: "\r\n", range: start.upperBound..<part.endIndex)
            else { continue }
            params.append((String(part[..<quote]), String(part[start.upperBound..<end.lowerBound])))
        }
        return params
    }
}
