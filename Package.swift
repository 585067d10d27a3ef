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
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // Already resolved through postgres-nio; named because AttributionIO imports them
        // directly (TLS settings, byte buffers, the settings digest).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        // Tests only: property tests over random path and event tables.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Pure domain: events → journeys → paths → models → results. No I/O.
        .target(name: "AttributionCore", dependencies: ["CNeuralKernels"], exclude: ["README.md"]),
        // The neural network's Float hot loops, built for AVX2 + FMA and for baseline CPUs, picked at run time.
        .target(name: "CNeuralKernels"),
        // One libc call Swift cannot see without _GNU_SOURCE: the atomic folder swap.
        .target(name: "CFileExchange"),
        // Sources and sinks: CSV files, SQLite, PostgreSQL/Redshift, the config file, result files;
        // and the pipeline that wires a source through the models into sinks.
        .target(
            name: "AttributionIO",
            dependencies: [
                "AttributionCore", "CFileExchange",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"]),
        // The self-contained HTML report (inline CSS and SVG).
        .target(name: "AttributionReport", dependencies: ["AttributionCore"], exclude: ["README.md"]),
        // The `mta` subcommands, as a library so tests can drive them in-process.
        .target(
            name: "MTACommands",
            dependencies: [
                "AttributionCore", "AttributionIO", "AttributionReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            plugins: ["BuildCommit"]),
        // Writes the checkout's git commit into MTACommands for `mta --version`.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .executableTarget(name: "mta", dependencies: ["MTACommands"]),
        .testTarget(
            name: "AttributionCoreTests",
            dependencies: [
                "AttributionCore", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "AttributionIOTests", dependencies: ["AttributionCore", "AttributionIO"]),
        .testTarget(name: "AttributionReportTests", dependencies: ["AttributionCore", "AttributionIO", "AttributionReport"]),
        .testTarget(name: "MTACommandsTests", dependencies: ["MTACommands", "AttributionIO", "mta"]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (libFuzzer, `scripts/fuzz.sh`): declared only when MTA_FUZZ is set, so a
// plain `swift build` or `swift test` never builds them. Sources in Fuzz/<Name>/.
if Context.environment["MTA_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["AttributionIO"], path: "Fuzz/FuzzSupport"))
    for name in ["EventCSV", "PathCSV", "Timestamp", "Config", "ExampleFile", "ModelFile"] {
        package.targets.append(
            .executableTarget(
                name: "Fuzz" + name, dependencies: ["FuzzSupport", "AttributionIO", "AttributionCore"], path: "Fuzz/" + name))
    }
}
