// swift-tools-version:6.1
import PackageDescription

// How release builds of tidings are linked, for a faster start; debug builds (`swift run`, `swift test`)
// link as SwiftPM does by default.
// - GCC's libstdc++.a, which the Swift runtime needs, goes into the binary: found through
//   Linking/libstdc++.so, a linker script searched before the system's shared library. Loaded instead, its
//   four thousand symbols were bound at every start, about 2 ms of `tidings --version`'s 7.
// - The program's own symbols are not exported (the static Swift runtime's link arguments export them):
//   nothing looks them up, and the runtime's dladdr at start walked all nine thousand, about 0.8 ms.
let fasterStart = LinkerSetting.unsafeFlags(["-L", Context.packageDirectory + "/Linking", "-Xlinker", "--no-export-dynamic"],
                                            .when(configuration: .release))

let package = Package(
    name: "Tidings",
    products: [
        .executable(name: "tidings", targets: ["tidings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // Debian's libncursesw, seen through a small shim header. Only ReaderTUI's terminal layer imports it.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Debian's libxml2 (libxml2-dev), for feed XML (a streaming SAX parser) and the HTML inside feed items:
        // its headers at build time, the library loaded when the first feed is read (see
        // Sources/CLibXML2/include/CLibXML2.h).
        .target(name: "CLibXML2", linkerSettings: [.linkedLibrary("dl")]),
        // Debian's libcurl (OpenSSL flavour), for fetching feeds: its header at build time, the library
        // loaded when the first transfer needs it (see Sources/CCurl/include/CCurl.h).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // Stateful C that a header-only shim cannot hold: saved termios and the crash handler.
        .target(name: "CTerminalGuard"),
        // Pure Swift, no I/O: stories, the formats that parse them, text measurement, layout, the key table
        // and the reader's reducer.
        .target(name: "ArticleModel"),
        // RSS, Atom and JSON Feed read as stories, through libxml2 and a JSON decoder.
        .target(name: "FeedFormats", dependencies: ["ArticleModel", "CLibXML2"]),
        // Files and folders: finding story files, reading them, choosing a format, loading in the background.
        .target(name: "StoryLoading", dependencies: ["ArticleModel", "FeedFormats"]),
        // Read and starred marks, and fetched feed items, kept in SQLite through GRDB.
        .target(name: "Storage", dependencies: ["ArticleModel", "FeedFormats", .product(name: "GRDB", package: "GRDB.swift")]),
        // Subscriptions (newsboat's urls file, OPML), fetching over HTTP through libcurl, and keeping what arrives.
        .target(name: "FeedFetching", dependencies: ["ArticleModel", "FeedFormats", "Storage", "CCurl"]),
        // Cell grid, panes, the event loop, and the one file that talks to ncurses.
        .target(name: "ReaderTUI", dependencies: ["ArticleModel", "StoryLoading", "CNcurses", "CTerminalGuard"]),
        .executableTarget(
            name: "tidings",
            dependencies: [
                "ArticleModel", "StoryLoading", "ReaderTUI", "Storage", "FeedFetching", "CTerminalGuard",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            linkerSettings: [fasterStart]
        ),
        .executableTarget(name: "tidings-bench", dependencies: ["ArticleModel", "StoryLoading", "ReaderTUI"]),
        .testTarget(
            name: "ArticleModelTests",
            dependencies: ["ArticleModel", "FeedFormats", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "FeedFormatsTests", dependencies: ["FeedFormats", "ArticleModel", "TestSupport"]),
        .testTarget(name: "StoryLoadingTests", dependencies: ["StoryLoading", "ArticleModel"]),
        .testTarget(
            name: "ReaderTUITests",
            dependencies: ["ReaderTUI", "ArticleModel", "StoryLoading", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "ArticleModel", "FeedFormats"]),
        // Helpers shared by test targets: the loopback feed server, a file in memory.
        .target(name: "TestSupport", dependencies: ["ArticleModel"], path: "Tests/Support"),
        .testTarget(name: "FeedFetchingTests", dependencies: ["FeedFetching", "Storage", "FeedFormats", "ArticleModel", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["tidings", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
