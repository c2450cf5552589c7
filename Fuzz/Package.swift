// swift-tools-version:6.0
// Fuzz targets for ptscope's Evaluator (libFuzzer). A package of its own, so that the project's
// ordinary `swift build` and `swift test` never see them; Sources/Evaluator is a link to the
// project's own sources. Build and run a target with Scripts/fuzz.sh TARGET SECONDS.
import PackageDescription

let targets = ["FuzzPrediction", "FuzzDataJSON", "FuzzGeneration", "FuzzJournal", "FuzzEditValue"]

let package = Package(
    name: "ptscope-fuzz",
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0")
    ],
    targets: [
        .target(name: "Evaluator", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        // libFuzzer's driver entry and the fixtures every target scores against.
        .target(name: "FuzzDriver", dependencies: ["Evaluator"]),
    ] + targets.map { .executableTarget(name: $0, dependencies: ["Evaluator", "FuzzDriver"]) }
)
