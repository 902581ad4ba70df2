/// The bounds every loopback server keeps, whatever a client sends. Each has a flag on
/// `cassette serve` and `cassette emulate` and a default that no ordinary client comes near.
public struct ServerLimits: Sendable, Hashable {
    /// The longest request line (`GET /path?query HTTP/1.1`) in bytes; longer ones get 414.
    public var maxRequestLineBytes: Int
    /// The most bytes of header names and values in one request; more get 431.
    public var maxHeaderBytes: Int
    /// The most header fields in one request; more get 431.
    public var maxHeaderCount: Int
    /// The largest request body in bytes, read as it streams in; a larger one gets 413 and the
    /// connection is closed without reading the rest.
    public var maxBodyBytes: Int
    /// Seconds a request may take to arrive whole (head and body) once its first byte came; a
    /// slower client gets 408 and is disconnected.
    public var requestTimeout: Double
    /// Seconds a connection may stay open with nothing to read; then it is closed.
    public var idleTimeout: Double
    /// The most connections served at once; one more gets 503 and is closed.
    public var maxConnections: Int
    /// The most bytes of a near-miss report sent back or logged for one request.
    public var maxReportBytes: Int

    /// The defaults: 8 KiB request line, 32 KiB and 100 headers, 16 MiB body, 10 s to send a
    /// request, 60 s idle, 512 connections, 16 KiB reports.
    public init(
        maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 32 * 1024, maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 16 * 1024 * 1024, requestTimeout: Double = 10, idleTimeout: Double = 60,
        maxConnections: Int = 512, maxReportBytes: Int = 16 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxReportBytes = maxReportBytes
    }
}
