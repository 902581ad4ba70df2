import CassetteKit
import Foundation

extension PlantCorpus {
    /// Places that held before fail-closed redaction: the control group.
    static let baseline: [PlantCase] = [
        PlantCase("baseline/authorization-bearer-jwt", .baseline) { p in
            [Plant.get("https://api.example.com/v1/me", headers: [("Authorization", "Bearer " + p.secret(.jwt))])]
        },
        PlantCase("baseline/cookie-session-jwt", .baseline) { p in
            [Plant.get("https://app.example.com/me", headers: [("Cookie", "theme=dark; __session=\(p.secret(.jwt)); lang=en")])]
        },
        PlantCase("baseline/set-cookie-session", .baseline) { p in
            [Plant.withResponseHeaders([("Set-Cookie", "unleash-session=\(p.secret(.opaqueToken)); Path=/; HttpOnly; Secure")])]
        },
        PlantCase("baseline/query-access-token", .baseline) { p in
            [Plant.get("https://api.example.com/v1/me?access_token=\(p.secret(.opaqueToken))&page=2")]
        },
        PlantCase("baseline/json-access-token", .baseline) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken))]
        },
        PlantCase("baseline/json-otpauth-url", .baseline) { p in
            [Plant.response(.json, key: "otp_url", value: p.secret(.otpauthURL))]
        },
        PlantCase("baseline/json-totp-secret", .baseline) { p in
            [Plant.response(.json, key: "totp_secret", value: p.secret(.totpSeed))]
        },
        PlantCase("baseline/json-backup-codes", .baseline) { p in
            let codes = (0..<12).map { _ in Plant.quoted(p.secret(.backupCode)) }.joined(separator: ",")
            return [Plant.json(#"{"data":{"backup_codes":[\#(codes)],"generated":true}}"#)]
        },
        PlantCase("baseline/unleash-token-echo", .baseline) { p in
            [Plant.json(#"{"user":{"username":"ci-token","secret":\#(Plant.quoted(p.secret(.unleashAdmin))),"type":"admin"}}"#)]
        },
        PlantCase("baseline/unleash-invite-link", .baseline) { p in
            [Plant.json(#"{"user":{"id":7,"inviteLink":"https://unleash.example.com/new-user?token=\#(p.secret(.resetToken))"}}"#)]
        },
        PlantCase("baseline/x-api-key-header", .baseline) { p in
            [Plant.get("https://api.example.com/v1/me", headers: [("X-API-Key", p.secret(.opaqueToken))])]
        },
        PlantCase("baseline/form-client-secret", .baseline) { p in
            [Plant.request(.form, key: "client_secret", value: p.secret(.opaqueToken), url: "https://auth.example.com/oauth/token")]
        },
    ]

    /// Bodies a strict JSON parser rejects, with a secret under a secret name.
    static let tolerantJSON: [PlantCase] = [
        (PlantBodyFormat.jsonBOM, "bom"), (.ndjson, "ndjson"), (.xssi, "xssi-prefix"), (.jsonp, "jsonp"), (.jsonNaN, "nan"),
        (.jsonLoneSurrogate, "lone-surrogate-sibling"), (.jsonTooDeep, "too-deep-sibling"),
    ].map { format, slug in
        PlantCase("tolerant-json/\(slug)", .tolerantJSON) { p in
            [Plant.response(format, key: "access_token", value: p.secret(.opaqueToken))]
        }
    }

    /// Text formats other than JSON.
    static let textFormats: [PlantCase] = [
        PlantCase("text/html-next-data", .textFormats) { p in
            [Plant.response(.htmlNextData, key: "accessToken", value: p.secret(.opaqueToken), url: "https://app.example.com/account")]
        },
        PlantCase("text/html-meta", .textFormats) { p in
            [Plant.response(.htmlMeta, key: "session-token", value: p.secret(.opaqueToken), url: "https://app.example.com/account")]
        },
        PlantCase("text/html-hidden-input", .textFormats) { p in
            [Plant.response(.htmlHiddenInput, key: "refresh_token", value: p.secret(.opaqueToken), url: "https://app.example.com/login")]
        },
        PlantCase("text/xml-session-token", .textFormats) { p in
            [Plant.response(.xml, key: "SessionToken", value: p.secret(.opaqueToken), url: "https://sts.example.com/")]
        },
        PlantCase("text/soap-session-id", .textFormats) { p in
            [Plant.response(.soap, key: "sessionId", value: p.secret(.sessionID), url: "https://login.example.com/services/Soap/u/59.0")]
        },
        PlantCase("text/graphql-inline-password", .textFormats) { p in
            [Plant.request(.graphql, key: "password", value: p.secret(.password), url: "https://api.example.com/graphql")]
        },
        PlantCase("text/multipart-text-password", .textFormats) { p in
            [Plant.request(.multipart, key: "password", value: p.secret(.password), url: "https://app.example.com/login")]
        },
        PlantCase("text/form-password", .textFormats) { p in
            [Plant.request(.form, key: "password", value: p.secret(.password), url: "https://auth.example.com/oauth/token")]
        },
        PlantCase("text/plain-key-equals", .textFormats) { p in
            [Plant.response(.textKeyEquals, key: "api_key", value: p.secret(.opaqueToken))]
        },
        PlantCase("text/plain-key-colon", .textFormats) { p in
            [Plant.response(.textKeyColon, key: "Session-Token", value: p.secret(.opaqueToken))]
        },
        PlantCase("text/html-next-data-otpauth", .textFormats) { p in
            [Plant.response(.htmlNextData, key: "otpUrl", value: p.secret(.otpauthURL), url: "https://app.example.com/2fa")]
        },
    ]

    /// Content encodings of the whole body and encodings of one value.
    static let encodings: [PlantCase] = [
        PlantCase("encoding/base64-body", .encodings) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken), encoding: .base64)]
        },
        PlantCase("encoding/gzip-base64-body", .encodings) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken), encoding: .gzip)]
        },
        PlantCase("encoding/deflate-zlib-base64-body", .encodings) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken), encoding: .deflate)]
        },
        PlantCase("encoding/deflate-raw-base64-body", .encodings) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken), encoding: .deflateRaw)]
        },
        PlantCase("encoding/gzip-gzip-base64-body", .encodings) { p in
            [Plant.response(.json, key: "access_token", value: p.secret(.opaqueToken), encoding: .gzipGzip)]
        },
        PlantCase("encoding/gzip-body-jwt", .encodings) { p in
            [Plant.response(.json, key: "note", value: p.secret(.jwt), encoding: .gzip)]
        },
        PlantCase("encoding/deflate-body-jwt", .encodings) { p in
            [Plant.response(.json, key: "note", value: p.secret(.jwt), encoding: .deflate)]
        },
        PlantCase("encoding/json-in-json-string", .encodings) { p in
            [Plant.response(.jsonInString, key: "refresh_token", value: p.secret(.opaqueToken))]
        },
        PlantCase("encoding/json-in-json-in-json-string", .encodings) { p in
            let inner = Plant.quoted(#"{"session":{"refresh_token":\#(Plant.quoted(p.secret(.opaqueToken)))}}"#)
            return [Plant.json(#"{"payload":\#(Plant.quoted(#"{"wrapped":\#(inner)}"#))}"#)]
        },
        PlantCase("encoding/unicode-escaped-value", .encodings) { p in
            [Plant.response(.jsonUnicodeEscapes, key: "access_token", value: p.secret(.opaqueToken))]
        },
        PlantCase("encoding/percent-encoded-in-json", .encodings) { p in
            let query = PlantBodyFormat.percentEncode("access_token=\(p.secret(.opaqueToken))&state=af0ifjsldkj")
            return [Plant.json(#"{"redirect":"https://app.example.com/cb?next=\#(query)"}"#)]
        },
        PlantCase("encoding/base64-html-next-data", .encodings) { p in
            [
                Plant.response(
                    .htmlNextData, key: "accessToken", value: p.secret(.opaqueToken), encoding: .base64, url: "https://app.example.com/")
            ]
        },
        PlantCase("encoding/gzip-xml", .encodings) { p in
            [Plant.response(.xml, key: "SessionToken", value: p.secret(.opaqueToken), encoding: .gzip, url: "https://sts.example.com/")]
        },
    ]
}
