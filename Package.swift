// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ptscope",
    products: [
        .executable(name: "ptscope", targets: ["ptscope"]),
        .library(name: "Evaluator", targets: ["Evaluator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        // PTBench file model, prediction parser, reference-exact scoring, diagnosis. No UI.
        .target(
            name: "Evaluator",
            dependencies: [.product(name: "BigInt", package: "BigInt")]
        ),
        // The bundled, invented PTBench-shaped sample (data + two simulated models' predictions).
        .target(
            name: "Sample",
            resources: [.copy("Data")]
        ),
        .executableTarget(
            name: "ptscope",
            dependencies: [
                "Evaluator", "Sample",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EvaluatorTests",
            dependencies: ["Evaluator", "Sample"],
            exclude: ["Fixtures"]
        ),
    ]
)
