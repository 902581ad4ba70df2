import CassetteFormat
public import Foundation

extension AuditReport {
    /// SARIF 2.1.0 (OASIS): one run, the rules of ``AuditRule`` as the driver's rules, one
    /// result per finding with a logical location (interaction and place in it), and unreadable
    /// files as tool execution notifications.
    public var sarif: Data {
        let rules = AuditRule.allCases
        let ruleValues = rules.map { rule -> JSONValue in
            .object(
                JSONObject([
                    ("id", .string(rule.id)),
                    ("name", .string(rule.id)),
                    ("shortDescription", ["text": .string(rule.summary)]),
                    ("defaultConfiguration", ["level": "error"]),
                ]))
        }
        let results = findings.map { finding -> JSONValue in
            let ruleIndex = rules.firstIndex { $0.id == finding.ruleID } ?? -1
            var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
            if ruleIndex >= 0 { members.append(("ruleIndex", .number(JSONNumber(ruleIndex)))) }
            members.append(("level", "error"))
            members.append(
                (
                    "message",
                    [
                        "text": .string(
                            "\(finding.ruleID) at \(finding.displayLocation): \(finding.preview). Re-record or redact this cassette.")
                    ]
                ))
            members.append(
                (
                    "locations",
                    .array([
                        .object(
                            JSONObject([
                                ("physicalLocation", ["artifactLocation": ["uri": .string(Self.uri(finding.file))]]),
                                (
                                    "logicalLocations",
                                    .array([
                                        .object(
                                            JSONObject([
                                                ("fullyQualifiedName", .string(finding.displayLocation)), ("kind", "member"),
                                            ]))
                                    ])
                                ),
                            ]))
                    ])
                ))
            members.append(("partialFingerprints", ["cassetteAuditLocation/v1": .string(Self.fingerprint(finding))]))
            return .object(JSONObject(members))
        }
        let notifications = unreadable.map { item -> JSONValue in
            .object(
                JSONObject([
                    ("level", "error"),
                    ("message", ["text": .string(SafeDisplay.text(item.reason))]),
                    ("locations", .array([["physicalLocation": ["artifactLocation": ["uri": .string(Self.uri(item.path))]]]])),
                ]))
        }
        let run = JSONValue.object(
            JSONObject([
                (
                    "tool",
                    [
                        "driver": .object(
                            JSONObject([
                                ("name", "cassette-audit"),
                                ("version", .string(CassetteKitVersion.current)),
                                ("rules", .array(ruleValues)),
                            ]))
                    ]
                ),
                (
                    "invocations",
                    .array([
                        .object(
                            JSONObject([
                                ("executionSuccessful", .bool(unreadable.isEmpty)),
                                ("toolExecutionNotifications", .array(notifications)),
                            ]))
                    ])
                ),
                ("results", .array(results)),
            ]))
        let document = JSONValue.object(
            JSONObject([
                ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
                ("version", "2.1.0"),
                ("runs", .array([run])),
            ]))
        var data = JSONSerializer.data(document, style: .pretty)
        data.append(0x0a)
        return data
    }

    /// A relative URI reference for a path (percent-encoded where needed).
    private static func uri(_ path: String) -> String {
        let allowed = CharacterSet.urlPathAllowed
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
