// swift-tools-version: 6.1
//
// CassetteKit: record, replay, synthesize and audit `/me` endpoint fixtures.
//
// Targets are split by dependency (see README "Layout"):
// - The core, no XCTest, no Testing, no third-party package: CassetteFormat (bytes on disk),
//   CassetteAudit (the independent detectors and the display path), CassetteProviders (the
//   catalog from resource files), CassetteRedaction, CassetteMatching, CassetteRecording (the one
//   recording pipeline), and CassetteKit, an umbrella that re-exports them.
// - CassetteReplay: the URLProtocol, record modes and in-test recording.
// - CassetteSynth: JSON Schema 2020-12 validator and fixture synthesizer.
// - CassetteVerify: `cassette verify`, the live call through the recording pipeline compared
//   with the cassette (structure and schema), and re-recording what drifted.
// - CassetteOpenAPI: OpenAPI to JSON Schema import (the tree walk; OpenAPIKit's warnings only
//   with the `OpenAPIKitWarnings` trait). CassetteYAML: the one YAML reader (Yams).
// - CassetteServer: loopback HTTP server (SwiftNIO: NIOPosix + NIOHTTP1, on its own event-loop
//   threads) for `cassette serve` and the emulator.
// - CassetteXCTest / CassetteTesting: test helpers for XCTest and Swift Testing.
// - CassetteAsyncHTTPClient: record and replay for AsyncHTTPClient (a client protocol that
//   `HTTPClient` conforms to, and a replaying client); compiled with AsyncHTTPClient only with
//   the `AsyncHTTPClient` trait, which also adds the helpers' HTTPClient variants.
// - cassette: the command-line tool (swift-argument-parser).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CassetteKit",
    platforms: [.macOS(.v15), .iOS(.v18)],  // Synchronization.Mutex
    products: [
        .library(name: "CassetteKit", targets: ["CassetteKit"]),
        .library(name: "CassetteFormat", targets: ["CassetteFormat"]),
        .library(name: "CassetteAudit", targets: ["CassetteAudit"]),
        .library(name: "CassetteRedaction", targets: ["CassetteRedaction"]),
        .library(name: "CassetteReplay", targets: ["CassetteReplay"]),
        .library(name: "CassetteMatching", targets: ["CassetteMatching"]),
        .library(name: "CassetteRecording", targets: ["CassetteRecording"]),
        .library(name: "CassetteSynth", targets: ["CassetteSynth"]),
        .library(name: "CassetteVerify", targets: ["CassetteVerify"]),
        .library(name: "CassetteOpenAPI", targets: ["CassetteOpenAPI"]),
        .library(name: "CassetteServer", targets: ["CassetteServer"]),
        .library(name: "CassetteImport", targets: ["CassetteImport"]),
        .library(name: "CassetteXCTest", targets: ["CassetteXCTest"]),
        .library(name: "CassetteTesting", targets: ["CassetteTesting"]),
        .library(name: "CassetteAsyncHTTPClient", targets: ["CassetteAsyncHTTPClient"]),
        .executable(name: "cassette", targets: ["cassette"]),
    ],
    traits: [
        .trait(
            name: "OpenAPIKitWarnings",
            description:
                "`cassette schema import` also asks OpenAPIKit whether the document is valid OpenAPI and prints its objections as warnings. Off by default: OpenAPIKit is most of a clean build's time, and the import works without it."
        ),
        .trait(
            name: "AsyncHTTPClient",
            description:
                "Record and replay for AsyncHTTPClient: the CassetteAsyncHTTPClient module (a client protocol `HTTPClient` conforms to, and a replaying client on the same engine as the URL protocol) and the test helpers' HTTPClient variants. Off by default: AsyncHTTPClient and its SwiftNIO packages take minutes to build."
        ),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Only with the `AsyncHTTPClient` trait (CassetteAsyncHTTPClient); swift-log for the
        // `Logger?` parameter of `HTTPClient.execute`, which the client protocol repeats.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.7.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The bytes on disk and nothing about secrets: JSON reader/writer, HAR model, gzip,
        // atomic files, placeholder syntax.
        .target(
            name: "CassetteFormat",
            dependencies: ["CZlib"],
            swiftSettings: strictSettings
        ),
        // The independent second line: its own detectors; never imports the redactor.
        .target(
            name: "CassetteAudit",
            dependencies: ["CassetteFormat"],
            swiftSettings: strictSettings
        ),
        // The provider catalog read from resource files (profiles, schemas).
        .target(
            name: "CassetteProviders",
            dependencies: ["CassetteFormat"],
            resources: [.copy("Resources/providers")],
            swiftSettings: strictSettings
        ),
        // Content-type readers, rules, placeholders and the redactor's own leak check; never
        // imports the audit.
        .target(
            name: "CassetteRedaction",
            dependencies: ["CassetteFormat", "CassetteProviders"],
            swiftSettings: strictSettings
        ),
        // Prepared requests, matchers, ordered replay and near-miss reports (printed through the
        // audit's display path).
        .target(
            name: "CassetteMatching",
            dependencies: ["CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction"],
            swiftSettings: strictSettings
        ),
        // The one recording pipeline (capture, response to HAR, redirect policy, timing, the
        // sanitize gate, atomic write) used by `cassette record` and in-test recording.
        .target(
            name: "CassetteRecording",
            dependencies: ["CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction", "CassetteMatching"],
            swiftSettings: strictSettings
        ),
        // Umbrella: re-exports the layers below so `import CassetteKit` gives the whole core.
        .target(
            name: "CassetteKit",
            dependencies: [
                "CassetteFormat", "CassetteAudit", "CassetteProviders", "CassetteRedaction",
                "CassetteMatching",
                "CassetteRecording",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteReplay",
            dependencies: ["CassetteKit"],
            resources: [.copy("Resources/Shipped")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteSynth",
            dependencies: ["CassetteKit"],
            swiftSettings: strictSettings
        ),
        // `cassette verify`: the live call through the recording pipeline, the structural diff
        // with the cassette, the schema check of the live body, and re-recording what drifted.
        .target(
            name: "CassetteVerify",
            dependencies: ["CassetteKit", "CassetteSynth"],
            swiftSettings: strictSettings
        ),
        // The one YAML reader (order-preserving, bounded) for import, OpenAPI and profiles.
        .target(
            name: "CassetteYAML",
            dependencies: ["CassetteFormat", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteOpenAPI",
            dependencies: [
                "CassetteKit",
                "CassetteYAML",
                .product(name: "OpenAPIKit", package: "OpenAPIKit", condition: .when(traits: ["OpenAPIKitWarnings"])),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit", condition: .when(traits: ["OpenAPIKitWarnings"])),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteImport",
            dependencies: [
                "CassetteKit",
                "CassetteYAML",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteServer",
            dependencies: [
                "CassetteKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Record and replay for AsyncHTTPClient. Without the `AsyncHTTPClient` trait its sources
        // are compiled out (`#if AsyncHTTPClient`) and AsyncHTTPClient is never built.
        .target(
            name: "CassetteAsyncHTTPClient",
            dependencies: [
                "CassetteKit",
                "CassetteReplay",
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteXCTest",
            dependencies: [
                "CassetteKit", "CassetteReplay",
                .target(name: "CassetteAsyncHTTPClient", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteTesting",
            dependencies: [
                "CassetteKit", "CassetteReplay",
                .target(name: "CassetteAsyncHTTPClient", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CassetteTestSupport",
            dependencies: ["CassetteKit"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "cassette",
            dependencies: [
                "CassetteKit",
                "CassetteReplay",
                "CassetteSynth",
                "CassetteVerify",
                "CassetteOpenAPI",
                "CassetteServer",
                "CassetteImport",
                "CassetteYAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteKitTests",
            dependencies: [
                "CassetteKit", "CassetteFormat", "CassetteAudit", "CassetteRedaction", "CassetteTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteMatchingTests",
            dependencies: ["CassetteKit", "CassetteMatching", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteRecordingTests",
            dependencies: ["CassetteKit", "CassetteRecording", "CassetteReplay", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteYAMLTests",
            dependencies: ["CassetteYAML", "CassetteFormat"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteReplayTests",
            dependencies: [
                "CassetteKit", "CassetteReplay", "CassetteServer", "CassetteTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteSynthTests",
            dependencies: ["CassetteKit", "CassetteSynth", "CassetteTestSupport", "CassetteServer", "CassetteReplay"],
            exclude: ["__Fixtures__"],  // the vendored JSON Schema Test Suite, read from the source tree
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteVerifyTests",
            dependencies: ["CassetteVerify", "CassetteKit", "CassetteServer", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteOpenAPITests",
            dependencies: ["CassetteOpenAPI", "CassetteSynth", "CassetteTestSupport"],
            exclude: ["__Fixtures__"],  // OpenAPI documents read from the source tree
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteImportTests",
            dependencies: ["CassetteImport", "CassetteKit", "CassetteReplay", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteServerTests",
            dependencies: ["CassetteKit", "CassetteServer", "CassetteReplay", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteCLITests",
            dependencies: [
                "cassette", "CassetteKit", "CassetteReplay", "CassetteSynth", "CassetteServer", "CassetteVerify",
                "CassetteImport", "CassetteTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteXCTestTests",
            dependencies: ["CassetteXCTest", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
        // Built with AsyncHTTPClient only with the trait:
        // `swift test --traits AsyncHTTPClient --filter CassetteAsyncHTTPClientTests`.
        .testTarget(
            name: "CassetteAsyncHTTPClientTests",
            dependencies: [
                "CassetteAsyncHTTPClient", "CassetteKit", "CassetteReplay", "CassetteServer", "CassetteTestSupport",
                "CassetteTesting", "CassetteXCTest",
                .product(name: "AsyncHTTPClient", package: "async-http-client", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
                .product(name: "NIOHTTP1", package: "swift-nio", condition: .when(traits: ["AsyncHTTPClient"])),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CassetteTestingTests",
            dependencies: ["CassetteTesting", "CassetteTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)

// `swift package cassette <subcommand>` in a package that depends on this one: builds the
// `cassette` product and runs it in that package's root (Plugins/CassettePlugin; not a plugin
// tool dependency, which would make every `swift build` compile the CLI twice). SwiftPM asks for both
// permissions on every run; outside a terminal, pass `--allow-writing-to-package-directory`
// and `--allow-network-connections all`.
package.products.append(.plugin(name: "CassettePlugin", targets: ["CassettePlugin"]))
package.targets.append(
    .plugin(
        name: "CassettePlugin",
        capability: .command(
            intent: .custom(
                verb: "cassette",
                description:
                    "Run the cassette tool (record, audit, synth, validate, show, match, serve, import, export) on this package's Cassettes/."
            ),
            permissions: [
                .writeToPackageDirectory(
                    reason: "record, import and synth --output write cassettes and fixtures into this package (Cassettes/ by default)."
                ),
                .allowNetworkConnections(
                    scope: .all(),
                    reason:
                        "record calls your service's /me endpoint once (or the built-in emulator on 127.0.0.1); serve and emulate listen on 127.0.0.1."
                ),
            ]
        ),
        path: "Plugins/CassettePlugin"
    )
)

// API documentation: `swift package generate-documentation` (the DocC catalogs in
// Sources/<Module>/Documentation.docc).
package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
