// swift-tools-version:6.1
import PackageDescription

/// The house rules every target of the product follows, as Hummingbird's own package does: a
/// file imports what it uses, and an import is internal unless the module's interface needs it.
let strictImports: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SchoolJournal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "journal", targets: ["journal"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .target(name: "JournalDocuments", dependencies: ["CPangoCairo"], swiftSettings: strictImports),
        .target(name: "Spreadsheet", dependencies: ["CXLSXWriter"], swiftSettings: strictImports),
        .target(
            name: "CLuaBridge",
            dependencies: ["CLua"],
            cSettings: [.unsafeFlags(["-Wall", "-Wextra", "-Werror=implicit-function-declaration"])]
        ),
        .target(name: "Workers", swiftSettings: strictImports),
        .executableTarget(name: "embed-rules", swiftSettings: strictImports),
        .plugin(name: "EmbedRulesPlugin", capability: .buildTool(), dependencies: ["embed-rules"]),
        .target(name: "DefaultRules", swiftSettings: strictImports, plugins: ["EmbedRulesPlugin"]),
        .target(
            name: "LuaRuntime",
            dependencies: ["CLua", "CLuaBridge", "Workers"],
            // A state is confined to one caller at a time (the pool enforces it), so the
            // run-time exclusivity checks on its hot path guard nothing.
            swiftSettings: strictImports + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(name: "Localization", swiftSettings: strictImports),
        .target(name: "JournalModel", dependencies: ["Localization"], swiftSettings: strictImports),
        .target(name: "JournalAccess", dependencies: ["JournalModel"], swiftSettings: strictImports),
        .target(
            name: "JournalRules",
            dependencies: ["JournalModel", "JournalAccess", "Localization", "LuaRuntime", "Workers"],
            swiftSettings: strictImports),
        // School-written plugins: manifests, the sandboxed host, events in and effects out.
        .target(
            name: "JournalPlugins",
            dependencies: [
                "JournalModel", "JournalRules", "LuaRuntime", "Localization",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictImports
        ),
        .target(
            name: "JournalStore",
            dependencies: ["JournalModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictImports
        ),
        // Sends the journal's mail over SMTP with libcurl; knows no database and no school words.
        .target(
            name: "JournalDelivery", dependencies: ["CCurl", "Localization", "Workers"], swiftSettings: strictImports),
        .target(name: "JournalDemo", dependencies: ["JournalModel"], swiftSettings: strictImports),
        .target(name: "JournalImport", dependencies: ["JournalModel", "Localization"], swiftSettings: strictImports),
        .target(
            name: "JournalService",
            dependencies: [
                "JournalModel", "JournalAccess", "JournalRules", "JournalStore", "JournalDemo", "JournalImport",
                "Localization", "LuaRuntime", "Workers", "Spreadsheet", "JournalDelivery", "JournalDocuments",
                "DefaultRules", "JournalPlugins",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictImports
        ),
        .target(
            name: "JournalServer",
            dependencies: [
                "JournalService", "JournalModel", "JournalAccess", "JournalRules", "JournalImport", "Localization",
                "Workers", "Spreadsheet", "JournalDocuments", "JournalPlugins",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/web")],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "journal",
            dependencies: [
                "LuaRuntime", "JournalService", "JournalServer", "JournalModel", "JournalRules", "JournalImport",
                "JournalAccess", "JournalDemo", "DefaultRules", "Localization", "Spreadsheet", "JournalPlugins",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        // What the test targets share: one school builder and one browser, as Hummingbird's
        // HummingbirdTesting is for its tests. Only test targets depend on it.
        .target(
            name: "JournalTestSupport",
            dependencies: [
                "JournalAccess", "JournalModel", "JournalPlugins", "JournalRules", "JournalServer", "JournalService",
                "JournalStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/JournalTestSupport"
        ),
        .testTarget(name: "WorkersTests", dependencies: ["Workers"]),
        .testTarget(
            name: "LuaRuntimeTests",
            dependencies: ["LuaRuntime", "Workers"],
            resources: [.copy("Scripts")]
        ),
        .testTarget(name: "JournalModelTests", dependencies: ["JournalModel"]),
        .testTarget(
            name: "JournalPluginsTests",
            dependencies: ["JournalPlugins", "JournalModel", "JournalRules", "LuaRuntime", "Localization"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization", "JournalModel", "JournalImport"]),
        .testTarget(
            name: "JournalRulesTests",
            dependencies: ["JournalRules", "JournalModel", "Localization", "LuaRuntime", "DefaultRules"]),
        .testTarget(
            name: "JournalStoreTests",
            dependencies: ["JournalStore", "JournalModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "JournalServiceTests",
            dependencies: [
                "JournalTestSupport", "JournalAccess", "JournalImport", "JournalModel", "JournalRules",
                "JournalService", "JournalStore", "Localization", "Spreadsheet",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "JournalAuthorizationTests",
            dependencies: [
                "JournalTestSupport", "JournalAccess", "JournalModel", "JournalServer", "JournalService",
                "JournalStore", "Workers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JournalServerTests",
            dependencies: [
                "JournalTestSupport", "JournalModel", "JournalRules", "JournalServer", "JournalService", "Workers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "JournalAdminWebTests",
            dependencies: [
                "JournalTestSupport", "JournalAccess", "JournalModel", "JournalRules", "JournalServer",
                "JournalService", "JournalStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "JournalWebTests",
            dependencies: [
                "JournalTestSupport", "JournalModel", "JournalServer", "JournalService", "JournalStore", "Localization",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JournalOperationsTests",
            dependencies: [
                "JournalTestSupport", "JournalModel", "JournalServer", "JournalService", "JournalStore", "Workers",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "JournalDemoTests", dependencies: ["JournalDemo", "JournalModel"]),
        .testTarget(
            name: "JournalImportTests", dependencies: ["JournalImport", "JournalModel", "Spreadsheet"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JournalDeliveryTests",
            dependencies: ["JournalDelivery", "JournalTestSupport", "Localization", "Workers"]
        ),
        .testTarget(name: "SpreadsheetTests", dependencies: ["JournalTestSupport", "Spreadsheet"]),
        .testTarget(name: "JournalDocumentsTests", dependencies: ["JournalDocuments"]),
    ],
    swiftLanguageModes: [.v6]
)

// The test targets and their support module follow the house rules too.
for target in package.targets where target.type == .test || target.name == "JournalTestSupport" {
    target.swiftSettings = (target.swiftSettings ?? []) + strictImports
}
