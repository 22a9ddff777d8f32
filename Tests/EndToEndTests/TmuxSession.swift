import Foundation
import Testing

/// The real binary in a real terminal: a private tmux server per test, driven with send-keys and read
/// with capture-pane. The pane outlives the program so its last screen and exit status can be read.
final class TmuxSession {
    static let available: Bool = ((try? spawn(["tmux", "-V"])) ?? "").hasPrefix("tmux")

    static let missingMessage: Comment = "tmux is not installed: the end-to-end terminal tests need it (.ci/run installs it)"

    let socket = "tidings-test-\(UUID().uuidString.prefix(8))"
    static let exitMarker = "TIDINGS-EXIT="

    /// Runs `tidings ARGUMENTS` behind an optional shell `prefix` (such as `cat story.txt |`).
    init(columns: Int, rows: Int, arguments: [String], environment: [String: String] = [:], prefix: String = "") throws {
        let quoted = ([Binary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var environment = environment
        if environment["XDG_STATE_HOME"] == nil { environment["XDG_STATE_HOME"] = stateFolder }
        if environment["XDG_CONFIG_HOME"] == nil { environment["XDG_CONFIG_HOME"] = stateFolder + "-config" }
        let exports = environment.map { "export \($0.key)='\($0.value)'; " }.joined()
        let command = "unset LINES COLUMNS; \(exports)\(prefix) \(quoted.joined(separator: " ")); echo \(Self.exitMarker)$?; sleep 600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", "main", command])
        try tmux(["set-option", "-t", "main", "status", "off"])
    }

    /// The reader's own state folder, unless the test gives one.
    var stateFolder: String { Binary.scratchState + "-" + socket }

    deinit {
        try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: stateFolder)
    }

    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        try Self.spawn(["tmux", "-L", socket] + arguments)
    }

    /// Runs a command with posix_spawn and waits for it, its output going to a file: tmux's server
    /// outlives the client that starts it and would hold a pipe open (and Foundation's Process was seen
    /// to wait forever on that client here).
    static func spawn(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "tidings-tmux-" + UUID().uuidString
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Test runners block signals on their threads; the terminal under test must start clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        var result: Int32 = 0
        while waitpid(pid, &result, 0) < 0, errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Types text literally, key by key.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    /// The visible screen, wrapped lines joined (-J), trailing blanks trimmed.
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-J", "-t", "main"]).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(line)
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The PID of the program in the pane (the shell's child).
    func programPID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    var alternateScreenOn: Bool {
        get throws { try tmux(["display-message", "-p", "-t", "main", "#{alternate_on}"]).hasPrefix("1") }
    }

    /// Polls the screen until `condition` holds, for up to `seconds`; returns the last screen either way.
    @discardableResult
    func waitFor(_ what: String, within seconds: Double = 15, _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try screen()
        while !condition(last) {
            if Date() > deadline {
                Issue.record("timed out waiting for \(what); screen was:\n\(last.joined(separator: "\n"))")
                return last
            }
            usleep(50_000)
            last = try screen()
        }
        return last
    }

    @discardableResult
    func waitFor(text: String) throws -> [String] {
        try waitFor("“\(text)”") { $0.contains { $0.contains(text) } }
    }

    /// The status line: the last non-empty row while the reader runs.
    func statusLine() throws -> String {
        try screen().last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
    }

    func exitStatus() throws -> String? {
        let lines = try waitFor("the program to exit") { $0.contains { $0.hasPrefix(Self.exitMarker) } }
        return lines.first { $0.hasPrefix(Self.exitMarker) }.map { String($0.dropFirst(Self.exitMarker.count)) }
    }
}
