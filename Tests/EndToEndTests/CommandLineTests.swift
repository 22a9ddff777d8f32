import Foundation
import Testing

/// The built binary, run as a user would, checked on stdout, stderr and exit status.
@Suite struct CommandLineTests {
    @Test func jsonDumpOfTheSeedLayoutFixture() throws {
        let result = try Binary.run(["--dump", "json", Binary.seedLayout])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]])
        #expect(json.count == 1)
        let story = json[0]
        #expect(story["file"] as? String == Binary.seedLayout)
        #expect(story["index"] as? Int == 0)
        #expect(story["publisher"] as? String == "Example.news")
        #expect(story["title"] as? String == "Rivers Rise Across the Valley as Spring Storms Stall Over the Hills")
        let images = try #require(story["images"] as? [[String: Any]])
        #expect(images.map { $0["caption"] is NSNull } == [false, true, false, false])
        let sections = try #require(story["sections"] as? [[String: Any]])
        #expect(sections.map { $0["heading"] as? String } == ["Overview"])
        #expect((sections[0]["bullets"] as? [String])?.count == 5)
        #expect((sections[0]["paragraphs"] as? [String]) == [])
        #expect(story["dek"] is String)
    }

    @Test(.enabled(if: Binary.hasSharedSeed, Binary.noSharedSeed))
    func realSeedDumps() throws {
        let result = try Binary.run(["--dump", "json", Binary.sharedSeed])
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]])
        #expect(json.first?["publisher"] as? String == "Particle.news")
        #expect((json.first?["title"] as? String)?.hasPrefix("Trump and Carney Agree") == true)
        #expect((json.first?["images"] as? [[String: Any]])?.count == 4)
    }

    @Test func plainTextWhenStdoutIsNotATerminal() throws {
        let result = try Binary.run([Binary.seedLayout], environment: ["COLUMNS": "50"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(4) == ["Rivers Rise Across the Valley as Spring Storms", "Stall Over the Hills", "Example.news", ""])
        #expect(lines.allSatisfy { $0.count <= 50 })
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(try Binary.run(["--dump", "text", Binary.seedLayout], environment: ["COLUMNS": "50"]).stdout == result.stdout)
    }

    @Test func textWrapsTo80ColumnsWhenTheWidthIsUnknown() throws {
        let result = try Binary.run(["--dump", "text", Binary.seedLayout])
        let widths = result.stdout.split(separator: "\n").map(\.count)
        #expect(widths.max() == 80 || widths.max() == 79 || widths.max() == 78)
        #expect(widths.allSatisfy { $0 <= 80 })
    }

    @Test func standardInputIsReadForDash() throws {
        let text = "Example.news\n\nFrom a Pipe\n"
        let result = try Binary.run(["--dump", "json", "-"], stdin: Data(text.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"file\":\"-\",\"index\":0,\"source\":\"text\",\"publisher\":\"Example.news\",\"title\":\"From a Pipe\""))
    }

    @Test func noPathOpensTheBundledLibraryFromAnyDirectory() throws {
        let result = try Binary.run(["--dump", "json"], directory: "/")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]])
        #expect(json.count >= 12)
        #expect(result.stderr == "")
    }

    @Test func badFileWarnsOnOneLineAndOthersStillLoad() throws {
        let dir = NSTemporaryDirectory() + "tidings-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/empty\u{1B}[31m.txt", contents: Data())
        let result = try Binary.run(["--dump", "json", dir, Binary.seedLayout])
        #expect(result.status == 0)
        #expect(result.stderr == "tidings: \(dir)/empty\\x1b[31m.txt: empty file\n")
        #expect(result.stdout.contains("Rivers Rise"))
    }

    @Test func nothingLoadedExitsNonZeroWithOneLineWhy() throws {
        let result = try Binary.run(["--dump", "json", "/nonexistent/tidings"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "tidings: /nonexistent/tidings: no such file or directory\ntidings: no stories loaded from the paths given\n")
    }

    @Test func eachFolderThatGaveNothingIsNamed() throws {
        let dir = NSTemporaryDirectory() + "tidings-emptydir-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/notes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/notes/readme.md", contents: Data("not a story".utf8))
        let alone = try Binary.run(["--dump", "json", dir])
        #expect(alone.status == 1)
        #expect(alone.stderr == "tidings: \(dir): no story files found\ntidings: no stories loaded from the paths given\n")
        let beside = try Binary.run(["--dump", "json", dir + "/notes", Binary.seedLayout])
        #expect(beside.status == 0)
        #expect(beside.stderr == "tidings: \(dir)/notes: no story files found\n")
        #expect(beside.stdout.contains("Rivers Rise"))
    }

    @Test func sortByPath() throws {
        let dir = NSTemporaryDirectory() + "tidings-sort-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, time) in [("a.txt", 100.0), ("b.txt", 300.0), ("c.txt", 200.0)] {
            FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data("Example.news\n\nTitle \(name)\n".utf8))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: time)], ofItemAtPath: "\(dir)/\(name)")
        }
        func titles(_ args: [String]) throws -> [String] {
            let out = try Binary.run(["--dump", "json"] + args + [dir])
            let json = try JSONSerialization.jsonObject(with: out.stdoutBytes) as? [[String: Any]] ?? []
            return json.compactMap { $0["title"] as? String }
        }
        #expect(try titles([]) == ["Title b.txt", "Title c.txt", "Title a.txt"])
        #expect(try titles(["--sort", "path"]) == ["Title a.txt", "Title b.txt", "Title c.txt"])
    }

    @Test func helpHasExamplesAndVersionPrints() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(help.stdout.contains("cat story.txt | tidings -"))
        #expect(help.stdout.contains("  fetch                   Fetch every subscribed feed and keep its new stories."))
        let readerHelp = try Binary.run(["help", "read"])
        #expect(readerHelp.status == 0)
        #expect(readerHelp.stdout.contains("  --dump <json|text>      Print the stories instead of opening the reader: json\n"))
        let version = try Binary.run(["--version"])
        #expect(version.stdout == "0.1.0\n")
    }

    @Test func badOptionIsAUsageErrorNotATrap() throws {
        let result = try Binary.run(["--dump", "xml"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            tidings: --dump takes json or text, not 'xml'
            Usage: tidings read [<paths> ...] [--dump <json|text>] [--sort <newest|path>]
                   [--no-mouse] [--state <file>] [--no-state] [--keys] [--config <file>]
            See 'tidings help read'.

            """)
        let missing = try Binary.run(["add"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "tidings: missing <url>\nUsage: tidings add <url> [<tags> ...]\nSee 'tidings help add'.\n")
        let unknown = try Binary.run(["help", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "tidings: no command named 'nope'\nSee 'tidings help' for the commands.\n")
    }
}

/// Permission denials as users meet them: the tests run as root in CI, where nothing is ever denied, so
/// the binary runs as nobody there.
@Suite(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                "as root, these need setpriv to run the binary as nobody"))
struct PermissionDeniedTests {
    final class Place {
        let path = NSTemporaryDirectory() + "tidings-denied-" + UUID().uuidString
        init() throws {
            try FileManager.default.createDirectory(atPath: path + "/library/locked", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: path + "/readonly", withIntermediateDirectories: true)
            try "Ok.example\n\nA readable story\n".write(toFile: path + "/library/ok.txt", atomically: true, encoding: .utf8)
            try "Secret.example\n\nA hidden story\n".write(toFile: path + "/library/locked/secret.txt", atomically: true, encoding: .utf8)
            try "Closed.example\n\nA closed story\n".write(toFile: path + "/closed.txt", atomically: true, encoding: .utf8)
            chmod(path + "/library/locked", 0)
            chmod(path + "/closed.txt", 0)
            chmod(path + "/readonly", 0o555)
        }
        deinit {
            chmod(path + "/library/locked", 0o755)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test func anUnreadableFileAndFolderAreNamedAndTheRestLoads() throws {
        let place = try Place()
        let result = try Binary.run(["--dump", "json", "--no-state", place.path + "/library", place.path + "/closed.txt"], unprivileged: true)
        #expect(result.status == 0)
        #expect(result.stderr == """
            tidings: \(place.path)/library/locked: permission denied
            tidings: \(place.path)/closed.txt: cannot be read: permission denied

            """)
        let json = try JSONSerialization.jsonObject(with: result.stdoutBytes) as? [[String: Any]]
        #expect(json?.compactMap { $0["title"] as? String } == ["A readable story"])
    }

    @Test func aStateFolderThatCannotBeMadeIsOneWarningAndTheReaderWorks() throws {
        let place = try Place()
        let state = place.path + "/readonly/tidings/state.sqlite"
        let tmux = try TmuxSession(columns: 120, rows: 30, arguments: ["--state", state, place.path + "/library"],
                                   prefix: Binary.unprivilegedPrefix.joined(separator: " "))
        try tmux.waitFor(text: "read marks: see the message on exit")
        try tmux.send("Enter")
        try tmux.waitFor(text: "0 unread")
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
        let warnings = try tmux.screen().filter { $0.hasPrefix("tidings:") }
        #expect(warnings == [
            "tidings: \(place.path)/library/locked: permission denied",
            "tidings: cannot create the state folder \(place.path)/readonly/tidings (permission denied); read marks will not be saved",
        ])
    }
}

