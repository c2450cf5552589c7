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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // PTBench file model, prediction parser, reference-exact scoring, diagnosis. No UI.
        .target(
            name: "Evaluator",
            dependencies: [.product(name: "BigInt", package: "BigInt")]
        ),
        // `ptscope run`: asks an OpenAI-compatible endpoint for every case's answer and keeps the
        // answers crash-safe in PTBench's layout. No UI; the CLI and the explorer's `A` call it.
        .target(
            name: "Runner",
            dependencies: ["Evaluator", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        // The bundled, invented PTBench-shaped sample (data + two simulated models' predictions).
        // Embedded as Swift source (EmbeddedSample.swift, Scripts/embed_sample.py), not a resource
        // bundle: a copied binary carries it. Data/ stays the source of truth.
        .target(name: "Sample", exclude: ["Data"]),
        // Cells, screen buffer + diff, text width, sanitizing, roles, themes, keys, widgets. No terminal
        // I/O (ThemeLoader reads theme files; the backend owns the terminal).
        .target(name: "TUICore"),
        // The explorer: state, actions, reducer, keymap, views. Knows neither ncurses nor the terminal.
        .target(name: "Explorer", dependencies: ["Evaluator", "TUICore"]),
        // ncursesw, seen through a small C shim (wide-character API, macros re-exported). No
        // pkgConfig: ncursesw.pc gives only -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, which SwiftPM
        // drops with a warning on every build (shim.h sets what is needed), and -lncursesw
        // -ltinfo, which the modulemap's link and libncursesw.so's linker script give. Without the
        // headers, shim.h stops the build naming the package to install.
        .systemLibrary(name: "CNcursesw"),
        // The only importer of CNcursesw: terminal set-up and restore, key reading, frame flushing.
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TUICore"]),
        .executableTarget(
            name: "ptscope",
            dependencies: [
                "Evaluator", "Sample", "TUICore", "Explorer", "NcursesBackend", "Runner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers several test targets share (starting children, fixtures); not shipped.
        .target(name: "TestSupport", dependencies: ["TUICore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "EvaluatorTests",
            dependencies: ["Evaluator", "Sample", "TestSupport", .product(name: "BigInt", package: "BigInt")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "TUICoreTests", dependencies: ["TUICore"]),
        .testTarget(
            name: "ExplorerTests",
            dependencies: ["Explorer", "Evaluator", "TUICore", "Sample", "TestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Evaluator", "TestSupport"]),
        .testTarget(name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TUICore"]),
        // Starts the built ptscope binary inside tmux and asserts on the screen after every key.
        .testTarget(name: "EndToEndTests", dependencies: ["ptscope", "TestSupport"]),
    ]
)
