import CassetteKit
import Foundation

extension PlantCorpus {
    /// Token formats under a neutral member name, in URLs and in headers.
    static let tokenFormats: [PlantCase] = {
        let neutral: [SecretFormat] = [
            .jwt, .jwe, .atomsKey, .unleashPAT, .unleashAdmin, .unleashClient, .unleashV2, .googleAPIKey, .slackBotToken,
            .slackUserToken, .slackWebhook, .discordWebhook, .telegramBotToken, .openAIProjectKey, .githubClassicPAT,
            .githubFineGrainedPAT, .awsAccessKeyID, .stripeLiveKey, .otpauthURL,
        ]
        var cases = neutral.map { format in
            PlantCase("format/\(format.rawValue)-neutral-json", .tokenFormats) { p in
                [Plant.json(#"{"items":[{"id":"cfg_1","kind":"integration","note":\#(Plant.quoted(p.secret(format)))}]}"#)]
            }
        }
        cases += [
            PlantCase("format/slack-webhook-request-url", .tokenFormats) { p in
                var entry = Plant.request(.json, key: "text", value: "Deploy finished", url: p.secret(.slackWebhook))
                entry.responseHeaders = [("Content-Type", "text/html")]
                entry.responseMimeType = "text/html"
                entry.responseText = "ok"
                return [entry]
            },
            PlantCase("format/discord-webhook-request-url", .tokenFormats) { p in
                [Plant.request(.json, key: "content", value: "Deploy finished", url: p.secret(.discordWebhook) + "?wait=true")]
            },
            PlantCase("format/telegram-bot-path", .tokenFormats) { p in
                [Plant.get("https://api.telegram.org/bot\(p.secret(.telegramBotToken))/getMe")]
            },
            PlantCase("format/google-api-key-query", .tokenFormats) { p in
                [Plant.get("https://maps.googleapis.com/maps/api/geocode/json?address=London&key=\(p.secret(.googleAPIKey))")]
            },
            PlantCase("format/vercel-bypass-header", .tokenFormats) { p in
                [Plant.get("https://preview-abc123.vercel.app/api/me", headers: [("x-vercel-protection-bypass", p.secret(.vercelBypass))])]
            },
            PlantCase("format/vercel-bypass-query", .tokenFormats) { p in
                [
                    Plant.get(
                        "https://preview-abc123.vercel.app/api/me?x-vercel-set-bypass-cookie=true&x-vercel-protection-bypass=\(p.secret(.vercelBypass))"
                    )
                ]
            },
            PlantCase("format/stripe-key-text-body", .tokenFormats) { p in
                [Plant.response(.textKeyColon, key: "Note", value: "rotate \(p.secret(.stripeLiveKey)) before Friday")]
            },
        ]
        return cases
    }()

    /// Secrets recognisable only by the name or place they sit in.
    static let names: [PlantCase] = [
        PlantCase("name/token-object-value", .names) { p in
            [Plant.json(#"{"token":{"value":\#(Plant.quoted(p.secret(.opaqueToken))),"expires_at":"2025-04-01T00:00:00Z"}}"#)]
        },
        PlantCase("name/result-value", .names) { p in
            [
                Plant.json(
                    #"{"result":{"type":"personal_access_token","value":\#(Plant.quoted(p.secret(.opaqueToken)))}}"#,
                    url: "https://api.example.com/v1/tokens")
            ]
        },
        PlantCase("name/manual-entry-key-grouped-totp", .names) { p in
            [Plant.json(#"{"enrollment":{"qrCodeUrl":"/2fa/qr.png","manualEntryKey":\#(Plant.quoted(p.secret(.totpSeedGrouped)))}}"#)]
        },
        PlantCase("name/recovery-codes", .names) { p in
            let codes = (0..<8).map { _ in Plant.quoted(p.secret(.backupCode)) }.joined(separator: ",")
            return [Plant.json(#"{"recovery":{"codes":[\#(codes)],"remaining":8}}"#)]
        },
        PlantCase("name/secret-answer", .names) { p in
            [Plant.request(.json, key: "secret_answer", value: p.secret(.password), url: "https://app.example.com/account/recovery")]
        },
        PlantCase("name/pkce-code-verifier", .names) { p in
            [Plant.request(.form, key: "code_verifier", value: p.secret(.pkceVerifier), url: "https://auth.example.com/oauth/token")]
        },
        PlantCase("name/location-oauth-code", .names) { p in
            [
                Plant.withResponseHeaders(
                    [("Location", "https://app.example.com/callback?code=\(p.secret(.oauthCode))&state=af0ifjsldkj")], status: 302,
                    statusText: "Found")
            ]
        },
        PlantCase("name/callback-url-oauth-code", .names) { p in
            [Plant.get("https://app.example.com/callback?code=\(p.secret(.oauthCode))&state=af0ifjsldkj")]
        },
        PlantCase("name/url-fragment-access-token", .names) { p in
            [Plant.get("https://app.example.com/callback#access_token=\(p.secret(.opaqueToken))&token_type=bearer&expires_in=3600")]
        },
        PlantCase("name/jsessionid-path-parameter", .names) { p in
            [Plant.get("https://shop.example.com/account;jsessionid=\(p.secret(.sessionID))?tab=orders")]
        },
        PlantCase("name/reset-token-path-segment", .names) { p in
            [Plant.get("https://app.example.com/password/reset/\(p.secret(.resetToken))")]
        },
        PlantCase("name/jwt-as-member-name", .names) { p in
            [Plant.json(#"{"sessions":{\#(Plant.quoted(p.secret(.jwt))):{"created":"2025-03-14T09:26:53Z"}}}"#)]
        },
        PlantCase("name/escaped-stripe-prefix", .names) { p in
            let key = p.secret(.stripeLiveKey)
            return [Plant.json(#"{"config":{"note":"\u0073\#(key.dropFirst())"}}"#)]
        },
        PlantCase("name/link-header-access-token", .names) { p in
            [
                Plant.withResponseHeaders([
                    ("Link", "<https://api.example.com/v1/items?page=2&access_token=\(p.secret(.opaqueToken))>; rel=\"next\"")
                ])
            ]
        },
        PlantCase("name/aws-secret-access-key", .names) { p in
            [
                Plant.json(
                    #"{"credentials":{"aws_access_key_id":\#(Plant.quoted(p.secret(.awsAccessKeyID))),"aws_secret_access_key":\#(Plant.quoted(p.secret(.awsSecretKey)))}}"#
                )
            ]
        },
        PlantCase("name/password-json-request", .names) { p in
            [Plant.request(.json, key: "password", value: p.secret(.password), url: "https://app.example.com/login")]
        },
        PlantCase("name/otp-json-request-totp-seed", .names) { p in
            [Plant.request(.json, key: "secret", value: p.secret(.totpSeed), url: "https://app.example.com/2fa/enable")]
        },
    ]

    /// Credentials of a request echoed in its response.
    static let echoed: [PlantCase] = [
        PlantCase("echo/bearer-in-error-description", .echoed) { p in
            let token = p.secret(.zitadelOpaque)
            var entry = Plant.json(#"{"error":"invalid_token","error_description":"The access token \#(token) has expired"}"#, status: 401)
            entry.requestHeaders.append(("Authorization", "Bearer " + token))
            return [entry]
        },
        PlantCase("echo/bearer-in-text-body", .echoed) { p in
            let token = p.secret(.opaqueToken)
            var entry = Plant.response(.textKeyColon, key: "Detail", value: "no session for \(token)")
            entry.requestHeaders.append(("Authorization", "Bearer " + token))
            return [entry]
        },
        PlantCase("echo/api-key-in-message", .echoed) { p in
            let key = p.secret(.opaqueToken)
            var entry = Plant.json(#"{"message":"Key \#(key) is not allowed for this project"}"#, status: 401)
            entry.requestHeaders.append(("X-API-Key", key))
            return [entry]
        },
        PlantCase("echo/basic-auth-password-in-body", .echoed) { p in
            let password = p.secret(.opaqueToken)
            var entry = Plant.json(#"{"debug":{"received":"admin:\#(password)"}}"#, status: 401)
            entry.requestHeaders.append(("Authorization", "Basic " + Data("admin:\(password)".utf8).base64EncodedString()))
            return [entry]
        },
    ]

    /// Members of the HAR document other than headers and bodies.
    static let harMembers: [PlantCase] = [
        PlantCase("har/status-text", .harMembers) { p in
            [Plant.withResponseHeaders([], status: 401, statusText: "Unauthorized: token \(p.secret(.githubClassicPAT)) revoked")]
        },
        PlantCase("har/cookie-comment", .harMembers) { p in
            var entry = Plant.get("https://app.example.com/me")
            entry.responseCookies = [["name": "theme", "value": "dark", "comment": .string("issued for \(p.secret(.jwt))")]]
            return [entry]
        },
        PlantCase("har/response-cookie-object-only", .harMembers) { p in
            var entry = Plant.get("https://app.example.com/me")
            entry.responseCookies = [["name": "remember_token", "value": .string(p.secret(.opaqueToken)), "httpOnly": true]]
            return [entry]
        },
        PlantCase("har/entry-comment", .harMembers) { p in
            var entry = Plant.get("https://api.example.com/v1/me")
            entry.comment = "replayed with \(p.secret(.stripeLiveKey))"
            return [entry]
        },
    ]
}
