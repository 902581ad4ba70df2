// swift-tools-version: 6.0
//
// Benchmarks for cassette, kept out of the root manifest: this package depends on the root
// package by path and builds one executable, `cassette-bench`, in release mode. It does not
// depend on CassetteOpenAPI (OpenAPIKit makes release builds slow, over 10 minutes here), so its
// `serve`, `synth` and `audit-dir` subcommands run the library code behind the `cassette`
// commands of those names. `nio-floor` is the floor of the serve rows: a bare SwiftNIO HTTP/1.1
// responder that sends one fixed body, on the same event-loop threads `cassette serve` uses.
// Run `Benchmarks/compare`.
import PackageDescription

let package = Package(
    name: "CassetteBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "CassetteKit", path: ".."),
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
