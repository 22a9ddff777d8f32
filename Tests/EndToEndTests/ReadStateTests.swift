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
        let off = try TmuxSession(columns: 100, rows: 30, arguments: ["--no-state", work.story])
        try off.waitFor(text: "1 unread")
        try off.send("Enter", "Q")
        _ = try off.exitStatus()
        #expect(!FileManager.default.fileExists(atPath: work.state))

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
}
