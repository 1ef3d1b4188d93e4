// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "segsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "segsync", targets: ["segsync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // The system SQLite, through its C API.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // zlib, for gzip files and gzip request bodies.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Turns migrations/*.sql into Swift source, so the binary carries its schema.
        .executableTarget(name: "MigrationEmbedder", path: "Plugins/MigrationEmbedder"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"],
            path: "Plugins/EmbedMigrations"
        ),

        .target(name: "SegmentLanguage", swiftSettings: swiftSettings),
        // Normalising and hashing identifiers the way Pinterest matches them: one rule for the store's email
        // identities and hashes and for every request that carries a hash.
        .target(
            name: "Matching",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Store",
            dependencies: [
                "CSQLite", "SegmentLanguage", "Matching",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedMigrations"]
        ),
        .target(
            name: "CustomerIO",
            dependencies: [
                "Store", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Pinterest",
            dependencies: [
                "Matching",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A local Pinterest API v5 stand-in for tests and the demo; never talks to Pinterest.
        .target(
            name: "PinterestStandIn",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Engine",
            dependencies: [
                "SegmentLanguage", "Store", "CustomerIO", "Pinterest",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "segsync",
            dependencies: [
                "Engine", "Pinterest", "PinterestStandIn", "SegmentLanguage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fills a store with a million-member audience and ledger by SQL, and serves a stand-in: scripts/bench-sync.sh.
        .executableTarget(
            name: "SegsyncBench",
            dependencies: ["Engine", "Store", "Pinterest", "PinterestStandIn"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SegsyncTesting",
            dependencies: [
                "Store", "CustomerIO", "SegmentLanguage", "CSQLite", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SegsyncTesting",
            // Read from the source tree by path (Fixtures.directory), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "SegmentLanguageTests", dependencies: ["SegmentLanguage", "SegsyncTesting"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "StoreTests", dependencies: ["Store", "CustomerIO", "SegsyncTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CustomerIOTests",
            dependencies: [
                "CustomerIO", "Store", "SegmentLanguage", "SegsyncTesting", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PinterestTests",
            dependencies: [
                "Pinterest", "Matching", "PinterestStandIn", "SegsyncTesting", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "Engine", "Store", "SegmentLanguage", "Pinterest", "PinterestStandIn", "SegsyncTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SegsyncTests",
            dependencies: ["segsync", "SegsyncTesting", "Store", "Pinterest", "PinterestStandIn"],
            swiftSettings: swiftSettings
        ),
    ]
)
