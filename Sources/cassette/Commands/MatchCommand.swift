import ArgumentParser
import CassetteKit
import Foundation

/// `cassette match CASSETTE --request "GET https://host/path?q" [-H "Name: value"]... [--body FILE]`:
/// which recorded interaction would answer a request, or the near-miss report explaining why
/// none would. The same matching code as the URL protocol (`CassettePlayer`).
///
/// Exit codes: 0 an interaction matches, 1 none does (the report is printed), 2 bad usage or an
/// unreadable cassette or body file.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Show which recorded interaction answers a request, or why none does.",
        discussion: """
            Matchers (--matchers, comma separated): method, scheme, host, path, query, url,
            jsonBody, rawBody, header:NAME. Default: method,url (query order ignored).
            Exit codes: 0 a match, 1 no match (near-miss report on stdout), 2 bad usage or
            unreadable input.
            """
    )

    @Argument(help: "A cassette (.har.gz), or a plain .har/.json file.")
    var cassette: String

    @Option(help: ArgumentHelp("The request: method and URL.", valueName: "METHOD URL"))
    var request: String

    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("A request header.", valueName: "Name: value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("A file holding the request body.", valueName: "FILE"))
    var body: String?

    @Option(help: "Comma-separated matchers (see below).")
    var matchers: String = "method,url"

    @Option(help: "Refuse cassettes whose decompressed size exceeds this many MiB.")
    var maxSize: Int = 64

    func run() throws {
        let chosen = try MatcherList.parse(matchers)
        let incoming = try parsedRequest()
        let log = try CassetteFile.read(URL(fileURLWithPath: cassette), limit: maxSize * 1024 * 1024)
        let context = ReplayContext(
            cassetteName: URL(fileURLWithPath: cassette).lastPathComponent, cassettePath: cassette,
            mode: "none (cassette match never records)", provider: log.cassette?.provider)
        let player = CassettePlayer(
            log: log,
            options: CassettePlayer.Options(
                matchers: chosen, redaction: RedactionPolicy(provider: log.cassette?.provider), context: context))
        switch player.peek(incoming) {
        case .answer(let playback):
            let summary = InteractionSummary(index: playback.index, entry: playback.entry)
            Console.out("interaction #\(playback.index) answers: \(summary.method) \(SafeDisplay.url(summary.url)) -> \(summary.status)")
            for matcher in chosen {
                let result = matcher.evaluate(recorded: PreparedRequest(playback.entry.request), incoming: PreparedRequest(incoming))
                let shown = result.isMatch ? SafeDisplay.text(result.reason) : "matches the request after redaction"
                Console.out("  [pass] \(SafeDisplay.text(matcher.name)): \(shown)")
            }
        case .miss(let report):
            Console.out(report.description)
            throw ExitCode(1)
        }
    }

    private func parsedRequest() throws -> HAR.Request {
        let parts = request.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter }),
            let url = URL(string: parts[1].trimmingCharacters(in: .whitespaces)), url.scheme != nil, url.host != nil
        else {
            throw CLIFailure.usage(
                "error: --request \"\(SafeDisplay.text(request))\" is not a method and an absolute URL; write it like --request \"GET https://api.example.com/v1/me?x=1\"."
            )
        }
        var fields: [HAR.NameValue] = []
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else {
                throw CLIFailure.usage(
                    "error: -H \"\(EchoedArgument.header(header))\" is not a header; write it like -H \"Accept: application/json\".")
            }
            fields.append(
                HAR.NameValue(
                    name: header[..<colon].trimmingCharacters(in: .whitespaces),
                    value: header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var bodyData: Data?
        if let body {
            do {
                bodyData = try Data(contentsOf: URL(fileURLWithPath: body))
            } catch {
                throw CLIFailure.usage(
                    "error: \(SafeDisplay.text(body)): cannot read the request body file (\(error.localizedDescription)). Check the path.")
            }
        }
        return .incoming(method: parts[0], url: parts[1].trimmingCharacters(in: .whitespaces), headers: fields, body: bodyData)
    }
}
