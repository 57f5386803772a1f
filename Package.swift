// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "RoundTable",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "RoundTable", targets: ["RoundTable", "RoundTableJSON", "RoundTableSpreadsheet", "RoundTableReports"]),
        .executable(name: "roundtable", targets: ["roundtable"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The C boundary: GLPK's header and library. Only GLPKBackend imports it.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // A plain value type for mixed-integer programs; no solver, no C.
        .target(name: "MIP"),
        // The one Swift target that sees a C pointer: IntegerProgram -> GLPK -> MIPResult.
        .target(name: "GLPKBackend", dependencies: ["CGLPK", "MIP"]),
        // The engine: request model, validation, scoring, formulation, planning.
        .target(name: "RoundTable", dependencies: ["MIP", "GLPKBackend"]),
        // Canonical JSON reader and writer (MODEL.md), an edge around the core.
        .target(name: "RoundTableJSON", dependencies: ["RoundTable"]),
        // Registration spreadsheets (CSV) and event configs (YAML) in, a MODEL.md request out.
        .target(
            name: "RoundTableSpreadsheet",
            dependencies: ["RoundTable", .product(name: "Yams", package: "Yams"), .product(name: "CSV", package: "CSV.swift")]
        ),
        // Plans out for organizers: CSV to paste back, a printable HTML page.
        .target(name: "RoundTableReports", dependencies: ["RoundTable"]),
        .executableTarget(
            name: "roundtable",
            dependencies: [
                "RoundTable", "RoundTableJSON", "RoundTableSpreadsheet", "RoundTableReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "RoundTableTests",
            dependencies: ["RoundTable", "RoundTableJSON", "MIP", "GLPKBackend"]
        ),
        .testTarget(
            name: "RoundTableSpreadsheetTests",
            dependencies: ["RoundTable", "RoundTableJSON", "RoundTableSpreadsheet"]
        ),
        .testTarget(
            name: "RoundTableReportsTests",
            dependencies: ["RoundTable", "RoundTableJSON", "RoundTableReports"]
        ),
        .testTarget(
            name: "RoundTableCLITests",
            dependencies: ["RoundTable", "RoundTableJSON"]
        ),
    ]
)
