// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "StrataSchema", targets: ["StrataSchema"]),
        .library(name: "StrataRuntime", targets: ["StrataRuntime"]),
        .library(name: "StrataSQLite", targets: ["StrataSQLite"]),
        .library(name: "StrataPostgres", targets: ["StrataPostgres"]),
        .library(name: "StrataGenerator", targets: ["StrataGenerator"]),
        .library(name: "JarvisModels", targets: ["JarvisModels"]),
        .library(name: "Workflow", targets: ["Workflow"]),
        .executable(name: "strata", targets: ["strata"]),
        .executable(name: "strata-generator", targets: ["strata-generator"]),
        .executable(name: "workflow-demo", targets: ["workflow-demo"]),
        .plugin(name: "StrataCommandPlugin", targets: ["StrataCommandPlugin"]),
        .plugin(name: "StrataBuildToolPlugin", targets: ["StrataBuildToolPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        // `swift package generate-documentation --target StrataRuntime` (DocC catalogs in Sources/*/*.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: [
        // The IR, the naming convention and the SQL renderers. No dependencies: apps link it.
        .target(name: "StrataSchema"),
        // What generated code conforms to, and the migration runner. Never depends on the generator or on Yams.
        .target(name: "StrataRuntime", dependencies: ["StrataSchema"]),
        // The SQLite driver: GRDB's pool and queue, statements read and written through the C API.
        .target(
            name: "StrataSQLite",
            dependencies: [
                "StrataRuntime", "StrataSchema",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL driver, on PostgresNIO (its own target so SQLite-only apps do not build NIO).
        .target(name: "StrataPostgres", dependencies: ["StrataRuntime", "StrataSchema", .product(name: "PostgresNIO", package: "postgres-nio")]),
        // All generator logic: YAML → parsed schema → IR → Swift and SQL text. No file I/O.
        .target(
            name: "StrataGenerator",
            // GRDBSQLite is only the system SQLite library (nothing of GRDB is built): its parser checks `check:` expressions.
            dependencies: ["StrataSchema", .product(name: "Yams", package: "Yams"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The verbs that need no database (generate, revision, history, heads): reads and writes files.
        .target(
            name: "StrataCommandLine",
            dependencies: ["StrataGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The generator verbs alone, for the plugins: no database driver, no NIO, no BoringSSL.
        .executableTarget(name: "strata-generator", dependencies: ["StrataCommandLine"]),
        // The whole command line: the generator verbs and the database verbs (upgrade, current, …).
        .executableTarget(
            name: "strata",
            dependencies: [
                "StrataCommandLine", "StrataGenerator", "StrataSchema", "StrataSQLite", "StrataPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The models generated from this repository's schema.yaml (written only by the generator).
        .target(name: "JarvisModels", dependencies: ["StrataRuntime"], path: "Generated/Swift"),
        // The pattern repository of the workflow-automation store (re-exports the models).
        .target(name: "Workflow", dependencies: ["JarvisModels", "StrataRuntime"]),
        // The README's "use it from an app" as a program, on the embedded SQLite default.
        .executableTarget(name: "workflow-demo", dependencies: ["Workflow", "StrataSQLite"]),
        .plugin(
            name: "StrataCommandPlugin",
            capability: .command(
                intent: .custom(verb: "strata", description: "Regenerate Generated/ from schema.yaml"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated models and SQL into Generated/")]
            ),
            dependencies: ["strata-generator"]
        ),
        .plugin(name: "StrataBuildToolPlugin", capability: .buildTool(), dependencies: ["strata-generator"]),
        // Release-mode benchmark of the generator (not a test).
        .executableTarget(name: "StrataGeneratorBenchmark", dependencies: ["StrataGenerator"]),
        // Release-mode benchmark of autogenerate, SQLite rebuilds and the runner (not a test).
        .executableTarget(name: "StrataMigrationBenchmark", dependencies: ["StrataGenerator", "StrataSchema", "StrataSQLite"]),
        // Release-mode benchmark of lock-aware against plain migrations under concurrent writers (not a test).
        .executableTarget(name: "StrataLockBenchmark", dependencies: ["JarvisModels", "StrataPostgres", "StrataSchema", "StrataTestSupport"]),
        .executableTarget(name: "StrataPullBenchmark", dependencies: ["StrataGenerator", "StrataSchema", "StrataSQLite", "StrataPostgres", "StrataTestSupport"]),
        // Release-mode benchmark of the repository against the C API, GRDB records and PostgresNIO (not a test).
        .executableTarget(
            name: "StrataRepositoryBenchmark",
            dependencies: [
                "Workflow", "StrataSQLite", "StrataPostgres", "StrataTestSupport", "StrataSchema",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Test helpers: a minimal SQLite connection and a throwaway PostgreSQL cluster.
        .target(name: "StrataTestSupport", dependencies: ["StrataSQLite"]),
        .testTarget(name: "StrataSchemaTests", dependencies: ["StrataSchema"]),
        .testTarget(name: "StrataGeneratorTests", dependencies: ["StrataGenerator", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "StrataDatabaseTests",
            dependencies: ["StrataGenerator", "StrataSchema", "StrataTestSupport", "StrataPostgres", "JarvisModels"]
        ),
        .testTarget(name: "StrataCLITests", dependencies: ["strata", "strata-generator", "StrataTestSupport"]),
        .testTarget(
            name: "StrataRepositoryTests",
            dependencies: [
                "Workflow", "KitchenSinkModels", "StrataSQLite", "StrataPostgres", "StrataTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "JarvisModelsTests", dependencies: ["JarvisModels", "KitchenSinkModels", "StrataGenerator"]),
        // Generated from Tests/Fixtures/KitchenSink/schema.yaml: every type and awkward name, compiled.
        .target(name: "KitchenSinkModels", dependencies: ["StrataRuntime"], path: "Tests/Fixtures/KitchenSink/Generated/Swift"),
    ],
    swiftLanguageModes: [.v6]
)
