// swift-tools-version:6.2

import PackageDescription

let package = Package(
    name: "scanctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scanctl", targets: ["scanctl"]),
        .library(name: "ScanPipeline", targets: ["ScanPipeline"]),
        .library(name: "FilePlan", targets: ["FilePlan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        // The browser workstation (`scanctl serve`): HTTP server, sessions and bcrypt, templates.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // `scanctl watch` and `serve` as services: graceful shutdown on SIGTERM, Prometheus metrics.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // File uploads (a rescanned page) in the workstation's forms.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // A workspace shared by several hosts: the PostgreSQL store.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries from the system: Tesseract and Leptonica (OCR), libstemmer (German stemming),
        // qpdf (PDF/A records), zbar (barcodes).
        .systemLibrary(
            name: "COCR",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev", "libstemmer-dev", "libqpdf-dev", "libzbar-dev"])]
        ),
        .target(
            name: "FilePlan",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .target(
            name: "ScanPipeline",
            dependencies: [
                "COCR",
                "FilePlan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        // The browser workstation: Hummingbird routes, sessions, German pages. Every action calls
        // the same ScanPipeline functions as the CLI; ScanPipeline never sees HTTP. Also the
        // services around the pipeline: the hot-folder watchers, /healthz and /metrics.
        .target(
            name: "ScanServer",
            dependencies: [
                "ScanPipeline",
                "FilePlan",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources")]
        ),
        // The PostgreSQL store: ScanPipeline's store protocols over PostgresNIO, for a workspace
        // that several hosts share (`--database postgresql://…`). ScanPipeline never sees NIO.
        .target(
            name: "ScanStorePostgres",
            dependencies: [
                "ScanPipeline",
                "FilePlan",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "scanctl",
            dependencies: [
                "ScanPipeline",
                "ScanServer",
                "ScanStorePostgres",
                "FilePlan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share: temporary folders, the repository's and the shared corpus's paths.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FilePlanTests", dependencies: ["FilePlan", "TestSupport"]),
        .testTarget(name: "ScanPipelineTests", dependencies: [
            "ScanPipeline", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"), "ScanStorePostgres",
        ]),
        .testTarget(name: "ScanServerTests", dependencies: [
            "ScanServer", "ScanPipeline", "FilePlan", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ScanStorePostgresTests", dependencies: [
            "ScanStorePostgres", "ScanPipeline", "TestSupport",
        ]),
        .testTarget(name: "scanctlTests", dependencies: [
            "scanctl", "ScanPipeline", "ScanServer", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "CSV", package: "CSV.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// The same upcoming-feature settings for every Swift target (as swift-log does).
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
