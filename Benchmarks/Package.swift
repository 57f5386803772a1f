// swift-tools-version: 6.0
// Benchmarks live in their own package so the library carries no benchmark code.
// Run: swift run -c release --package-path Benchmarks roundtable-bench [suite]
import PackageDescription

let package = Package(
    name: "RoundTableBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "RoundTable", path: "..")],
    targets: [
        .executableTarget(
            name: "roundtable-bench",
            dependencies: [.product(name: "RoundTable", package: "RoundTable")]
        )
    ]
)
