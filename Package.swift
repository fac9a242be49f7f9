// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "guidegen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "guidegen", targets: ["guidegen"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // libcmark, the CommonMark reference parser. Only GuideParsing imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Value types of the guide: no I/O, no C.
        .target(name: "GuideModel"),
        // Markdown → model through cmark; front matter, guide.yml, resources; the content loader.
        .target(
            name: "GuideParsing",
            dependencies: ["GuideModel", "CCmark", .product(name: "Yams", package: "Yams")]
        ),
        // Rules over the model that produce diagnostics.
        .target(name: "GuideChecks", dependencies: ["GuideModel", "GuideTranslation"]),
        // One renderer per format; the theme is files under Themes/. ZIPFoundation packs the
        // .epub; Crypto's SHA-1 makes its name-based identifier.
        .target(
            name: "GuideRendering",
            dependencies: [
                "GuideModel",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Load → check → render → stage → swap; the output folder's safety rules.
        .target(
            name: "GuideBuild",
            dependencies: ["GuideModel", "GuideParsing", "GuideChecks", "GuideRendering", "GuideTranslation"]
        ),
        // Translation state: pins, block hashes and alignment, status and diff reports; PO
        // export and import.
        .target(
            name: "GuideTranslation",
            dependencies: ["GuideModel", "GuideParsing", "GettextPO", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // gettext PO files: the catalog, a writer and a strict reader. No guide knowledge.
        .target(name: "GettextPO", dependencies: ["GuideModel"]),
        // `serve`: the built site on 127.0.0.1, rebuilt and reloaded on every edit. SwiftNIO's
        // HTTP/1.1 server: it needs no FoundationNetworking (libcurl and its TLS stack), which
        // every run of the binary would otherwise load.
        .target(
            name: "GuidePreview",
            dependencies: [
                "GuideBuild", "GuideModel", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Subcommands: flags in, an action out. No logic of its own.
        .target(
            name: "GuideGenCLI",
            dependencies: [
                "GuideBuild", "GuideTranslation", "GuidePreview", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release builds allocate with jemalloc (libjemalloc-dev): the model allocates a value per
        // node from two threads, and glibc's malloc cost a fifth of a large build.
        .executableTarget(
            name: "guidegen", dependencies: ["GuideGenCLI"],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux], configuration: .release))]
        ),
        // libFuzzer target over the per-page pipeline (see scripts/fuzz.sh); without -DFUZZING
        // it replays a corpus.
        .executableTarget(name: "guidegen-fuzz", dependencies: ["GuideParsing", "GuideRendering"], path: "Sources/GuideFuzzer"),

        .testTarget(name: "GuideParsingTests", dependencies: ["GuideParsing", "GuideRendering"]),
        .testTarget(name: "GuideChecksTests", dependencies: ["GuideChecks", "GuideParsing"]),
        .testTarget(
            name: "GuideRenderingTests",
            dependencies: [
                "GuideRendering", "GuideParsing", "GuideBuild", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "GuideTranslationTests", dependencies: ["GuideTranslation", "GuideParsing"]),
        .testTarget(name: "GettextPOTests", dependencies: ["GettextPO", "GuideModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["guidegen"]),
    ],
    swiftLanguageModes: [.v6]
)
