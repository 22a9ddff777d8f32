import Foundation
import Testing

/// Read marks in the real binary: kept across restarts, signals and renames.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct ReadStateTests {
    /// A copy of the seed-layout fixture and a state file, in a folder of the test's own.
    final class Workspace {
        let folder = NSTemporaryDirectory() + "tidings-read-" + UUID().uuidString
        var story: String { folder + "/story.txt" }
        var state: String { folder + "/state/state.sqlite" }
        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Binary.seedLayout, toPath: story)
        }
        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func dumpedMarks(_ path: String? = nil) throws -> (read: Bool?, starred: Bool?) {
            let out = try Binary.run(["--dump", "json", "--state", state, path ?? story])
            let json = try JSONSerialization.jsonObject(with: out.stdoutBytes) as? [[String: Any]]
            return (json?.first?["read"] as? Bool, json?.first?["starred"] as? Bool)
        }
    }

    @Test func anOpenedStoryIsStillReadAfterARestart() throws {
        let work = try Workspace()
        do {
            let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, work.story])
            let first = try tmux.waitFor(text: "1 unread")
            #expect(first[1].hasPrefix(" ●  Rivers Rise"))
            try tmux.send("Enter", "s")
            try tmux.waitFor(text: "0 unread")
            try tmux.send("q", "Q")
            #expect(try tmux.exitStatus() == "0")
        }
        let again = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, work.story])
        let screen = try again.waitFor(text: "0 unread")
        #expect(screen[1].hasPrefix("  ★ Rivers Rise"), "read (no ●) and starred (★)")
        try again.send("Q")
        #expect(try work.dumpedMarks() == (true, true))
    }

    /// A large export opens with its first stories and the store opens once the rest is read: a star
    /// given on the first screen is kept either way, and shows again on the next start.
    @Test func aStarGivenOnALargeExportsFirstScreenIsKept() throws {
        let work = try Workspace()
        let big = work.folder + "/big.txt"
        var text = ""
        var n = 0
        while text.utf8.count < 4_300_000 {
            text += "Example.news\n\nStory \(n) of the “large” export\n\nA dek.\n\nOverview\n\n  • A bullet.\n  • Another bullet.\n\n"
            n += 1
        }
        try text.write(toFile: big, atomically: true, encoding: .utf8)
        do {
            let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, big])
            try tmux.waitFor(text: "Story 0 of the")
            try tmux.send("s")
            let screen = try tmux.waitFor(text: "story 1/\(n)")
            try tmux.waitFor("the star") { $0[1].hasPrefix(" ●★ Story 0 of") }
            #expect(screen.last { !$0.isEmpty }?.contains("\(grouped(n)) unread") == true)
            try tmux.send("Q")
            #expect(try tmux.exitStatus() == "0")
        }
        let again = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, big])
        try again.waitFor(text: "story 1/\(n)")
        try again.waitFor("the saved star") { $0[1].hasPrefix(" ●★ Story 0 of") && !$0[2].contains("★") }
        try again.send("Q")
    }

    private func grouped(_ n: Int) -> String {
        let digits = String(n)
        return digits.count > 3 ? digits.dropLast(3) + "," + digits.suffix(3) : digits
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func aMarkMadeJustBeforeASignalIsKept(signal: Int32) throws {
        let work = try Workspace()
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, work.story])
        try tmux.waitFor(text: "1 unread")
        try tmux.send("r")
        try tmux.waitFor(text: "0 unread")
        kill(try #require(try tmux.programPID()), signal)
        _ = try tmux.exitStatus()
        #expect(try work.dumpedMarks() == (true, false))
    }

    @Test func aRenamedFileKeepsItsStoriesMarks() throws {
        let work = try Workspace()
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, work.story])
        try tmux.waitFor(text: "1 unread")
        try tmux.send("Enter")
        try tmux.waitFor(text: "0 unread")
        try tmux.send("Q")
        _ = try tmux.exitStatus()
        let renamed = work.folder + "/renamed-elsewhere.txt"
        #expect(rename(work.story, renamed) == 0)
        #expect(try work.dumpedMarks(renamed) == (true, false))
    }

    @Test func twoReadersMarkingAtOnceLoseNothing() throws {
        let work = try Workspace()
        let other = work.folder + "/other.txt"
        try "Other.example\n\nA Second Story\n".write(toFile: other, atomically: true, encoding: .utf8)
        let first = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, work.story])
        let second = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, other])
        try first.waitFor(text: "1 unread")
        try second.waitFor(text: "1 unread")
        try first.send("Enter")
        try second.send("s", "Enter")
        try first.waitFor(text: "0 unread")
        try second.waitFor(text: "0 unread")
        try first.send("Q")
        try second.send("Q")
        _ = try first.exitStatus()
        _ = try second.exitStatus()
        #expect(try work.dumpedMarks() == (true, false))
        #expect(try work.dumpedMarks(other) == (true, true))
    }

    @Test func noStateKeepsNothingAndAnUnusableStateFolderIsOneWarning() throws {
        let work = try Workspace()
        let home = work.folder + "/xdg"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let places = ["XDG_STATE_HOME": home + "/state", "XDG_DATA_HOME": home + "/data", "HOME": home]
        let off = try TmuxSession(columns: 100, rows: 30, arguments: ["--no-state", work.story], environment: places)
        try off.waitFor(text: "1 unread")
        try off.send("Enter", "s")
        try off.waitFor(text: "0 unread")
        try off.send("Q")
        #expect(try off.exitStatus() == "0")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: home) == [], "nothing is written anywhere")

        let unusable = "/proc/tidings-no-such-folder-\(getpid())/state.sqlite"
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", unusable, work.story])
        try tmux.waitFor(text: "read marks: see the message on exit")
        try tmux.send("Enter")
        try tmux.waitFor(text: "0 unread")
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
        let screen = try tmux.screen()
        #expect(screen.contains { $0.hasPrefix("tidings: cannot create the state folder /proc/tidings-no-such-folder-") })
    }

    /// Another program holds the state file's write lock from before the reader starts, past the timeout:
    /// one notice in the status line, one line on exit, and the reader works on without marks.
    @Test func aStateFileLockedBeforeTheStartCostsOnlyTheMarks() throws {
        let work = try Workspace()
        try work.markFirstStoryRead()
        let locker = try SQLiteLocker(path: work.state)
        defer { locker.release() }
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, "--sort", "path", work.other, work.story])
        // One busy timeout (2 s) and no more: five tries at opening took over ten seconds.
        try tmux.waitFor("the notice after one timeout", within: 8) { $0.contains { $0.contains(LoadingRulesText.seeMessageOnExit) } }
        #expect(try tmux.statusLine().contains("2 unread"), "the marks could not be read either")
        try work.useEveryOtherFeature(tmux)
        let warnings = try tmux.screen().filter { $0.hasPrefix("tidings:") }
        #expect(warnings.count == 1, "one line however many marks were made: \(warnings)")
        #expect(warnings.first?.hasPrefix("tidings: cannot use the state file \(work.state) (locked by another program)") == true)
        locker.release()
        #expect(try work.dumpedMarks() == (true, false), "nothing was written behind the lock")
    }

    /// The lock comes while the reader runs: the first save waits out the timeout and fails, says so once,
    /// and no save is tried again (ten more marks would take twenty seconds if each waited).
    @Test func aStateFileLockedWhileReadingFailsOneSaveAndTriesNoMore() throws {
        let work = try Workspace()
        try work.markFirstStoryRead()
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", work.state, "--sort", "path", work.other, work.story])
        try tmux.waitFor(text: "1 unread")
        let locker = try SQLiteLocker(path: work.state)
        defer { locker.release() }
        try tmux.send("s")
        try tmux.waitFor(text: "read marks are not being saved")
        for _ in 0..<5 { try tmux.send("r", "r") }
        try tmux.send("j")
        try tmux.waitFor(text: "story 2/2")
        try work.useEveryOtherFeature(tmux)
        let warnings = try tmux.screen().filter { $0.hasPrefix("tidings:") }
        #expect(warnings == ["tidings: read marks are no longer saved: the state file \(work.state) is locked by another program"])
        locker.release()
        #expect(try work.dumpedMarks(work.other) == (false, false), "the star was not written")
    }
}

extension ReadStateTests.Workspace {
    var other: String { folder + "/other.txt" }

    /// Writes the second story and runs the reader once to mark the first story read.
    func markFirstStoryRead() throws {
        try "Other.example\n\nA Second Story\n".write(toFile: other, atomically: true, encoding: .utf8)
        let first = try TmuxSession(columns: 100, rows: 30, arguments: ["--state", state, story])
        try first.waitFor(text: "1 unread")
        try first.send("r")
        try first.waitFor(text: "0 unread")
        try first.send("Q")
        #expect(try first.exitStatus() == "0")
    }

    /// Moves, opens, searches and quits, each answered on the screen.
    func useEveryOtherFeature(_ tmux: TmuxSession) throws {
        try tmux.send("G")
        try tmux.waitFor(text: "story 2/2")
        try tmux.send("Enter", "/")
        try tmux.type("river")
        try tmux.send("Enter")
        try tmux.waitFor(text: "match 1/")
        try tmux.send("Escape")
        try tmux.waitFor("the list to take the focus") { $0.first?.hasPrefix(" ● Stories") == true }
        try tmux.send("g")
        try tmux.waitFor(text: "story 1/2")
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
    }
}

/// The words the status line uses when marks cannot be kept.
enum LoadingRulesText {
    static let seeMessageOnExit = "read marks: see the message on exit"
}

/// Another program holding an SQLite file's write lock (Python's sqlite3 in a transaction), until released.
final class SQLiteLocker {
    private let process = Process()

    init(path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(300)
            """, path]
        process.standardOutput = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard said.hasPrefix("locked") else { throw CocoaError(.fileLocking) }
    }

    /// Ends the transaction by killing the program: SIGKILL, because the test runner's blocked signals
    /// are inherited (SIGTERM would wait), and a pipe's end of file would not come either (the tmux
    /// servers the tests start inherit its descriptors).
    func release() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
