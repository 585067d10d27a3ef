// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mta",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mta", targets: ["mta"]),
        .library(name: "AttributionCore", targets: ["AttributionCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Pure domain: events → journeys → paths → models → results. No I/O.
        .target(name: "AttributionCore"),
        // Files in and out: CSV events, path-level CSV, result files.
        .target(name: "AttributionIO", dependencies: ["AttributionCore"]),
        // The `mta` subcommands, as a library so tests can drive them in-process.
        .target(
            name: "MTACommands",
            dependencies: [
                "AttributionCore", "AttributionIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "mta", dependencies: ["MTACommands"]),
        .testTarget(name: "AttributionCoreTests", dependencies: ["AttributionCore"]),
        .testTarget(name: "AttributionIOTests", dependencies: ["AttributionCore", "AttributionIO"]),
        .testTarget(name: "MTACommandsTests", dependencies: ["MTACommands", "AttributionIO", "mta"]),
    ],
    swiftLanguageModes: [.v6]
)
