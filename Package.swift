// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "SchoolJournal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "journal", targets: ["journal"]),
        .library(name: "LuaRuntime", targets: ["LuaRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(
            name: "CLuaBridge",
            dependencies: ["CLua"],
            cSettings: [.unsafeFlags(["-Wall", "-Wextra", "-Werror=implicit-function-declaration"])]
        ),
        .target(name: "LuaRuntime", dependencies: ["CLua", "CLuaBridge"]),
        .executableTarget(
            name: "journal",
            dependencies: [
                "LuaRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LuaRuntimeTests",
            dependencies: ["LuaRuntime"],
            resources: [.copy("Scripts")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
