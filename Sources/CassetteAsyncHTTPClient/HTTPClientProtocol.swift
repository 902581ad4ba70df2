#if AsyncHTTPClient
    public import AsyncHTTPClient
    public import Logging
    public import NIOCore

    /// The part of `HTTPClient` that code calling an HTTP API needs: execute a request with a
    /// deadline or a timeout. `HTTPClient` conforms as it is, with no wrapper.
    ///
    /// It exists so that production code can take `some HTTPClientProtocol` (or `any`) instead
    /// of a concrete `HTTPClient`, and tests can pass a ``ReplayingHTTPClient`` that answers from a
    /// cassette. It is kept as small as a `/me` call and typical API calls need: the two
    /// `execute` methods of AsyncHTTPClient's async API, with the same signatures, so code written
    /// against `HTTPClient` compiles against the protocol unchanged.
    ///
    /// ```swift
    /// func currentUser(client: some HTTPClientProtocol, token: String) async throws -> Profile {
    ///     var request = HTTPClientRequest(url: "https://acme.zitadel.cloud/auth/v1/users/me")
    ///     request.headers.add(name: "Authorization", value: "Bearer \(token)")
    ///     let response = try await client.execute(request, timeout: .seconds(10))
    ///     let body = try await response.body.collect(upTo: 1 << 20)
    ///     return try JSONDecoder().decode(Profile.self, from: body)
    /// }
    /// // production: currentUser(client: HTTPClient.shared, token: token)
    /// // tests:      currentUser(client: replayingClient, token: "any")
    /// ```
    public protocol HTTPClientProtocol: Sendable {
        /// Executes `request`, which must complete by `deadline`.
        func execute(_ request: HTTPClientRequest, deadline: NIODeadline, logger: Logger?) async throws -> HTTPClientResponse
        /// Executes `request`, which must complete within `timeout`.
        func execute(_ request: HTTPClientRequest, timeout: TimeAmount, logger: Logger?) async throws -> HTTPClientResponse
    }

    extension HTTPClientProtocol {
        /// Executes `request` by `deadline`, without a logger.
        public func execute(_ request: HTTPClientRequest, deadline: NIODeadline) async throws -> HTTPClientResponse {
            try await execute(request, deadline: deadline, logger: nil)
        }

        /// Executes `request` within `timeout`, without a logger.
        public func execute(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
            try await execute(request, timeout: timeout, logger: nil)
        }
    }

    /// `HTTPClient` already has both methods.
    extension HTTPClient: HTTPClientProtocol {}
#endif
