import ArticleModel
import CTerminalGuard
#if canImport(Glibc)
import Glibc
#endif

/// Opens a web address in the user's browser: the configured command, else `$BROWSER` (its first entry when
/// it lists several with `:`), else `xdg-open`. The address is one argument (in place of `%s`, or after the
/// command's own words), never passed through a shell; only http and https addresses without control
/// characters or spaces are opened at all. Waits for the browser, so a terminal browser gets the screen.
enum LinkOpener {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The command line that would open `url`, or why it will not be opened.
    static func command(for url: String, browser: String?) -> Result<[String], Failure> {
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"),
              !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        else { return .failure(Failure(description: "only http and https links are opened")) }
        let configured = browser ?? getenv("BROWSER").map { String(cString: $0) }
        let entry = configured?.split(separator: ":", omittingEmptySubsequences: true).first.map(String.init) ?? "xdg-open"
        var words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.isEmpty { words = ["xdg-open"] }
        if words.contains(where: { $0.contains("%s") }) {
            words = words.map { $0.replacingAll("%s", with: url) }
        } else {
            words.append(url)
        }
        return .success(words)
    }

    /// Runs the browser and waits for it; nil when it ran and succeeded.
    static func open(_ url: String, browser: String?) -> Failure? {
        let argv: [String]
        switch command(for: url, browser: browser) {
        case .success(let words): argv = words
        case .failure(let failure): return failure
        }
        tidings_guard_ignore_interrupts(1)
        defer { tidings_guard_ignore_interrupts(0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, argv[0], nil, &attributes, &cArguments, environ)
        guard status == 0 else { return Failure(description: "\(argv[0]): \(SystemReason.phrase(String(cString: strerror(status))))") }
        var result: Int32 = 0
        while waitpid(pid, &result, 0) < 0, errno == EINTR {}
        let exited = result & 0x7F == 0
        let code = (result >> 8) & 0xFF
        return exited && code == 0 ? nil : Failure(description: "\(argv[0]) ended with status \(exited ? code : 128 + (result & 0x7F))")
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
