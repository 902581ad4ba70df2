// swift-tools-version: 6.1
//
// Benchmarks for cassette, kept out of the root manifest: this package depends on the root
// package by path and builds one executable, `cassette-bench`, in release mode. It does not
// depend on CassetteOpenAPI (OpenAPIKit makes release builds slow, over 10 minutes here), so its
// `serve`, `synth` and `audit-dir` subcommands run the library code behind the `cassette`
// commands of those names. `nio-floor` is the floor of the serve rows: a bare SwiftNIO HTTP/1.1
// responder that sends one fixed body, on the same event-loop threads `cassette serve` uses.
// Run `Benchmarks/compare`. The `ahc-replay` rows need the `AsyncHTTPClient` trait
// (`swift build -c release --traits AsyncHTTPClient`, or `WITH_AHC=1 Benchmarks/compare`), which
// turns on the root package's trait of the same name.
import PackageDescription

let package = Package(
    name: "CassetteBenchmarks",
    platforms: [.macOS(.v15)],
    traits: [
        .trait(
            name: "AsyncHTTPClient", description: "The ahc-replay rows: CassetteKit's AsyncHTTPClient replay against a real HTTPClient."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(
            name: "CassetteKit", path: "..",
            traits: [.trait(name: "AsyncHTTPClient", condition: .when(traits: ["AsyncHTTPClient"]))]),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "cassette-bench",
            dependencies: [
                .product(name: "CassetteKit", package: "CassetteKit"),
                .product(name: "CassetteReplay", package: "CassetteKit"),
                .product(name: "CassetteSynth", package: "CassetteKit"),
                .product(name: "CassetteServer", package: "CassetteKit"),
                .product(name: "CassetteImport", package: "CassetteKit"),
                .product(name: "CassetteAsyncHTTPClient", package: "CassetteKit", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "nio-floor",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
