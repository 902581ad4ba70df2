#if AsyncHTTPClient
    public import CassetteAsyncHTTPClient
    public import CassetteKit
    public import CassetteReplay
    public import Testing

    /// Replays a cassette through a `ReplayingHTTPClient` for the duration of `body`, then
    /// records an `Issue` for each request no interaction matched (with its near-miss report),
    /// each refused recording, and the unused interactions when `options.unusedInteractions`
    /// asks for it. Only with the package's `AsyncHTTPClient` trait.
    ///
    /// ```swift
    /// @Test func resolvesTheCaller() async throws {
    ///     try await withHTTPClientCassette("zitadel/me") { client in
    ///         let profile = try await currentUser(client: client, token: "any")
    ///         #expect(profile.userName == "ada")
    ///     }
    /// }
    /// ```
    ///
    /// The cassette is found like ``withCassette(_:mode:matchers:options:configuration:filePath:sourceLocation:_:)``
    /// finds it, and ``Cassette/current`` holds its session inside `body`, so a `URLSession` made
    /// from it replays the same cassette, in the same order.
    public func withHTTPClientCassette<Result>(
        _ name: String, mode: RecordMode = .automatic, matchers: [RequestMatcher]? = nil,
        options: ReplayOptions = ReplayOptions(), filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (ReplayingHTTPClient) async throws -> Result
    ) async throws -> Result {
        var options = options
        options.apply(mode: mode, matchers: matchers)
        if options.testName == nil { options.testName = Cassette.filterName(Test.current) }
        let client: ReplayingHTTPClient
        do {
            client = try ReplayingHTTPClient(named: name, filePath: filePath, options: options)
        } catch {
            Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
            throw error
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await Cassette.$current.withValue(client.replay) { try await body(client) })
        } catch {
            outcome = .failure(error)
        }
        let summary = client.finish()
        Cassette.record(ReplayFinding.findings(of: summary, unusedInteractions: options.unusedInteractions), at: sourceLocation)
        return try outcome.get()
    }
#endif
