// swift-tools-version: 6.0
//
// libFuzzer targets for CassetteKit's untrusted-input paths. Built and run only by
// `bash Fuzz/run`, which passes `-sanitize=fuzzer,address`; a plain `swift build` here fails to
// link (`LLVMFuzzerRunDriver` comes from the fuzzer runtime).
//
// Each executable's `main.swift` hands its `LLVMFuzzerTestOneInput` to `LLVMFuzzerRunDriver`:
// SwiftPM renames an executable's entry point (`<Module>_main`, aliased to `main` at link time),
// so a `-parse-as-library` target would leave that alias undefined, while an explicit call into
// the fuzzer's driver keeps SwiftPM's own `main` and needs no unsafe flags.
//
// Depends on the root package by path and uses only the libraries it fuzzes (CassetteKit,
// CassetteImport and so Yams): OpenAPIKit, FlyingFox and the command-line tool are not built.
import PackageDescription

let settings: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]

/// One fuzz target: an executable over `FuzzSupport` and the libraries it exercises.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, swiftSettings: settings)
}

let cassetteKit = Target.Dependency.product(name: "CassetteKit", package: "CassetteKit")

let package = Package(
    name: "CassetteFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "CassetteKit", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", cassetteKit], swiftSettings: settings),
        fuzzTarget("FuzzJSON", [cassetteKit]),
        fuzzTarget("FuzzCassette", [cassetteKit]),
        fuzzTarget("FuzzRedaction", [cassetteKit]),
        fuzzTarget("FuzzAudit", [cassetteKit]),
        fuzzTarget("FuzzImport", [cassetteKit, .product(name: "CassetteImport", package: "CassetteKit")]),
    ]
)
