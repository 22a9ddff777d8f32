import Foundation
import Testing

/// The real binary against hostile text, random input and terminal faults.
@Suite(.serialized, .enabled(if: TmuxSession.available, TmuxSession.missingMessage))
struct HostileTerminalTests {
    static let hostile = Binary.repository + "/Tests/Fixtures/hostile.txt"

    /// An X10 mouse report, as ncurses expects for tmux's terminal type: button, column and row + 32/33.
    static func mouse(button: Int, column: Int, row: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + column))) + String(UnicodeScalar(UInt8(33 + row)))
    }

    @Test func escapeLadenStoryShowsItsWordsAndSendsNoneOfItsSequences() throws {
        let log = NSTemporaryDirectory() + "tidings-raw-\(UUID().uuidString).log"
        defer { unlink(log) }
        // script records every byte the reader sends to its terminal.
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [], prefix: "script -q -e -c \"'\(Binary.url.path)' '\(Self.hostile)'\" '\(log)'; true ")
        let screen = try tmux.waitFor(text: "story 1/1")
        #expect(screen.contains { $0.contains("│ Clear the screen red title") })
        try tmux.send("Enter", "]", "]", "}", "}", "}", "/")
        try tmux.type("bell")
        try tmux.send("Enter")
        let after = try tmux.waitFor(text: "match 1/1")
        let shown = after.joined(separator: " ")
        #expect(shown.contains("back�space and bell�"))
        #expect(shown.contains("<b>markup</b> **shown**"))
        #expect(try tmux.tmux(["display-message", "-p", "-t", "main", "#{pane_title}"]).contains("PWNED") == false)
        try tmux.send("Q")
        _ = try tmux.exitStatus()
        let raw = try #require(FileManager.default.contents(atPath: log))
        let text = String(decoding: raw, as: UTF8.self)
        #expect(!text.contains("PWNED"), "no payload reached the terminal")
        for introducer in ["\u{1B}]", "\u{1B}P", "\u{1B}_", "\u{1B}^", "\u{1B}X"] {
            #expect(!text.contains(introducer), "no string sequence \(introducer.debugDescription)")
        }
        #expect(!raw.contains(0x07), "no bell")
        for c1 in 0x80...0x9F { #expect(!text.unicodeScalars.contains(Unicode.Scalar(c1)!), "no C1 control") }
        for bidi in ["\u{202E}", "\u{202C}", "\u{200B}", "\u{FEFF}"] { #expect(!text.contains(bidi)) }
    }

    @Test func aKeyPressRedrawsOnlyWhatChanged() throws {
        let log = NSTemporaryDirectory() + "tidings-diff-\(UUID().uuidString).log"
        defer { unlink(log) }
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [], prefix: "script -q -f -e -c \"'\(Binary.url.path)' --sort path '\(Binary.repository)/Resources'\" '\(log)'; true ")
        try tmux.waitFor(text: "story 1/13")
        // ncurses sends a frame in one write and script logs each write whole: the first frame is in the
        // log once its last row is, and the update once anything follows it.
        let firstFrame = try Self.waitForLog(log, "the first frame") { $0.contains("Q quit".utf8) }.count
        try tmux.send("Tab") // changes two pane headers and the selected row's style, nothing else
        try tmux.waitFor("the detail header to take the focus") { $0[0].hasPrefix(" ○ Stories") }
        let all = try Self.waitForLog(log, "the update") { $0.count > firstFrame }
        let update = String(decoding: all.suffix(from: firstFrame), as: UTF8.self)
        #expect(update.count > 0)
        #expect(update.utf8.count * 4 < firstFrame, "the update (\(update.utf8.count) bytes) is far smaller than a full frame (\(firstFrame))")
        for clear in ["\u{1B}[2J", "\u{1B}[H\u{1B}[J", "\u{1B}[3J"] { #expect(!update.contains(clear), "no screen clear on a key press") }
        try tmux.send("Q")
    }

    @Test func aThousandRandomKeysMouseEventsAndResizesThenQuit() throws {
        let tmux = try TmuxSession(columns: 90, rows: 26, arguments: [Binary.repository + "/Resources", Self.hostile, "--sort", "path"])
        try tmux.waitFor(text: "story 1/14")
        var generator = FixedSeedGenerator(seed: 20_261_125) // reproducible: the same 1,000 events every run
        let keys = ["j", "k", "Down", "Up", "Enter", "l", "h", "Left", "Right", "Escape", "Tab", "Space", "b", "PPage",
                    "NPage", "C-d", "C-u", "g", "G", "Home", "End", "]", "[", "}", "{", "/", "n", "N", "?", "x", "BSpace",
                    "C-l", "e", "r"]
        var sent = 0
        while sent < 1_000 {
            var batch: [String] = []
            for _ in 0..<20 {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0:
                    let button = [0, 3, 64, 65].randomElement(using: &generator)!
                    try tmux.type(Self.mouse(button: button, column: Int.random(in: 0..<80, using: &generator), row: Int.random(in: 0..<24, using: &generator)))
                default:
                    batch.append(keys.randomElement(using: &generator)!)
                }
                sent += 1
            }
            try tmux.tmux(["send-keys", "-t", "main"] + batch)
            if Int.random(in: 0..<5, using: &generator) == 0 {
                try tmux.resize(columns: Int.random(in: 1...94, using: &generator), rows: Int.random(in: 1...40, using: &generator))
            }
        }
        try tmux.resize(columns: 90, rows: 26)
        // Close whatever is open (prompt, help), one Escape per look at the screen, until the status line
        // is back; looks are 50 ms apart, so no two Escapes run together into one sequence.
        try tmux.waitFor("the reader still answering") { screen in
            if screen.contains(where: { $0.contains("story ") && $0.contains("/14") }) { return true }
            try? tmux.send("Escape")
            return false
        }
        try tmux.send("Q")
        #expect(try tmux.exitStatus() == "0")
        #expect(try !tmux.alternateScreenOn)
    }

    @Test func resizeStormDownToOneByOneEndsOnACorrectScreen() throws {
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [Binary.seedLayout])
        try tmux.waitFor(text: "story 1/1")
        try tmux.send("Enter", "]", "]")
        let before = try tmux.waitFor(text: "caption 2/3")
        for n in 0..<60 { try tmux.resize(columns: [1, 10, 20, 59, 60, 99, 100, 140][n % 8], rows: [1, 3, 5, 15, 16, 30, 50][n % 7]) }
        try tmux.resize(columns: 1, rows: 1)
        try tmux.resize(columns: 100, rows: 30)
        // Which sizes of the storm the reader saw depends on timing, and a short one scrolls the story to
        // keep the caption in view: the caption jumped to comes back, whatever the scroll.
        try tmux.waitFor("the full-size frame with the caption") { screen in
            screen.count == before.count && screen.first == before.first
                && screen.contains { $0.hasPrefix(" story 1/1 · caption 2/3 · line ") }
        }
        // From the top, the same keys then give the screen of before the storm, cell for cell: nothing the
        // storm drew is left behind.
        try tmux.send("g", "]", "]")
        let after = try tmux.waitFor("the same screen as before the storm") { $0 == before }
        #expect(after == before)
    }

    @Test func lostTerminalEndsTheReaderWithoutSpinning() throws {
        // setsid: no controlling terminal, so closing the pane sends no SIGHUP; reads simply fail.
        let tmux = try TmuxSession(columns: 80, rows: 24, arguments: [Binary.seedLayout], prefix: "exec setsid -w")
        try tmux.waitFor(text: "story 1/1")
        let pid = try #require(try tmux.programPID(), "the reader is the child of setsid, the pane's process")
        let before = try #require(ProcessTimes.of(pid))
        try tmux.tmux(["kill-server"])
        var last = before
        let deadline = Date().addingTimeInterval(15)
        while let now = ProcessTimes.of(pid), !now.ended, Date() < deadline {
            last = now
            usleep(20_000)
        }
        #expect(ProcessTimes.of(pid)?.ended ?? true, "the reader exits once its input is gone")
        // A reader spinning on its dead input burns a core until it gives up; this one sleeps in poll().
        #expect(last.cpuTicks - before.cpuTicks < 50, "CPU time after the terminal was lost: \(last.cpuTicks - before.cpuTicks) ticks")
    }

    @Test func pipedStoriesWithNoTerminalForKeysPrintPlainText() throws {
        let tmux = try TmuxSession(columns: 80, rows: 60, arguments: ["-"], prefix: "cat '\(Binary.seedLayout)' | setsid -w")
        #expect(try tmux.exitStatus() == "0")
        let screen = try tmux.screen()
        #expect(screen.contains { $0.hasPrefix("tidings: no terminal to read keys from") })
        #expect(screen.contains("Rivers Rise Across the Valley as Spring Storms Stall Over the Hills"))
    }

    /// A small deterministic generator (SplitMix64), so a failing run can be replayed.
    struct FixedSeedGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func aCLocaleGetsAWarningAndAnUncorruptedScreen() throws {
        let wide = Binary.repository + "/Tests/Fixtures/wide.txt"
        let tmux = try TmuxSession(columns: 100, rows: 30, arguments: [wide], environment: ["LANG": "C", "LC_ALL": "C"])
        let screen = try tmux.waitFor(text: "story 1/1")
        #expect(screen[1].contains("東京で桜が満開 🌸 週末は花見客で混雑"))
        #expect(screen.allSatisfy { !$0.contains("~@") && !$0.contains("M-") }, "no UTF-8 shown as escapes")
        try tmux.send("Q")
        _ = try tmux.exitStatus()
        #expect(try tmux.screen().contains("tidings: the locale (C) is not UTF-8; using C.UTF-8 for the screen"))
    }

    /// The PID of a running `tidings` whose arguments include `argument`.
}

extension HostileTerminalTests {
    /// Reads the file `script` logs to until its bytes satisfy `condition`, for up to 15 s.
    static func waitForLog(_ path: String, _ what: String, _ condition: ([UInt8]) -> Bool) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(15)
        var bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        while !condition(bytes) {
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(what) in \(path)")
                return bytes
            }
            usleep(20_000)
            bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        }
        return bytes
    }
}

/// A process's state and CPU time from /proc/PID/stat.
struct ProcessTimes {
    /// User and system time, in clock ticks (100 a second here).
    var cpuTicks: Int
    /// Exited (a zombie waiting to be reaped counts as ended).
    var ended: Bool

    static func of(_ pid: pid_t) -> ProcessTimes? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command's closing parenthesis: state is the 1st field, utime the 12th, stime the 13th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return ProcessTimes(cpuTicks: user + system, ended: fields[0] == "Z" || fields[0] == "X")
    }
}
