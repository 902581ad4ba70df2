// swift-tools-version: 6.0
//
// Benchmarks for cassette, kept out of the root manifest: this package depends on the root
// package by path and builds one executable, `cassette-bench`, in release mode. It does not
// depend on CassetteOpenAPI (OpenAPIKit makes release builds slow). Run `Benchmarks/compare`.
import PackageDescription

let package = Package(
    name: "CassetteBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "CassetteKit", path: ".."),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .executableTarget(
            name: "cassette-bench",
            dependencies: [
                .product(name: "CassetteKit", package: "CassetteKit"),
                .product(name: "CassetteReplay", package: "CassetteKit"),
                .product(name: "CassetteSynth", package: "CassetteKit"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]
        )
    ]
)
