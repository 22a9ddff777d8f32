import ArticleModel
import ReaderTUI
import StoryLoading
#if canImport(Glibc)
import Glibc
#endif

/// Everything the configuration file can set, with the defaults where it is silent. The command line
/// overrides it, and `NO_COLOR` overrides its theme.
struct Configuration: Equatable {
    var keys: KeyTable = .standard
    var palette: Palette = .standard
    var reading: ReadingPreferences = .standard
    /// Folders opened when no PATH is given, `~` expanded.
    var folders: [String] = []
    var sort: LibraryOrder = .newest
    var mouse = true
    /// The command that opens links; nil uses `$BROWSER`, else `xdg-open`.
    var browser: String?
    /// The state file; nil uses the default place.
    var state: String?

    /// A configuration error: `FILE:LINE: REASON`, what `tidings` prints before exiting with status 2.
    struct Failure: Error, CustomStringConvertible, Equatable {
        var file: String
        var line: Int?
        var reason: String
        var description: String { "\(VisibleName.of(file))\(line.map { ":\($0)" } ?? ""): \(reason)" }
    }

    /// `$XDG_CONFIG_HOME/tidings/config.toml`, else `~/.config/tidings/config.toml`.
    static func defaultPath() -> String? {
        XDGPlaceOfConfig.path()
    }

    /// The configuration in `path`, or the defaults when `path` is the default place and holds no file.
    static func load(path: String?, explicit: Bool) throws(Failure) -> Configuration {
        guard let path else { return Configuration() }
        let text: String
        switch ConfigText.read(path) {
        case .success(let read): text = read
        case .failure(let missing) where missing.isMissing && !explicit: return Configuration()
        case .failure(let problem): throw Failure(file: path, line: nil, reason: problem.reason)
        }
        return try parse(text, file: path)
    }

    /// Reads configuration text; `file` names it in errors.
    static func parse(_ text: String, file: String) throws(Failure) -> Configuration {
        let values: [String: ConfigValue]
        do {
            values = try TOMLReader.read(text)
        } catch {
            throw Failure(file: file, line: error.line, reason: error.reason)
        }
        var reader = ConfigDecoder(file: file, lines: ConfigLines(text))
        return try reader.configuration(values)
    }
}

/// Where the configuration file lives by default.
enum XDGPlaceOfConfig {
    static func path() -> String? {
        if let value = getenv("XDG_CONFIG_HOME").map({ String(cString: $0) }), value.hasPrefix("/") {
            return value + "/tidings/config.toml"
        }
        guard let home = getenv("HOME").map({ String(cString: $0) }), home.hasPrefix("/") else { return nil }
        return home + "/.config/tidings/config.toml"
    }
}

/// The configuration file's text, or why it could not be had.
enum ConfigText {
    struct Problem: Error {
        var reason: String
        var isMissing: Bool
    }

    /// Configuration files are small; a larger one is not a configuration file.
    static let limit = 1 << 20

    static func read(_ path: String) -> Result<String, Problem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(Problem(reason: SystemReason.phrase(String(cString: strerror(errno))), isMissing: errno == ENOENT))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return .failure(Problem(reason: SystemReason.phrase(String(cString: strerror(errno))), isMissing: false)) }
            if n == 0 { break }
            bytes += buffer[..<n]
            if bytes.count > limit { return .failure(Problem(reason: "larger than 1 MiB: not a configuration file", isMissing: false)) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(Problem(reason: "not UTF-8 text", isMissing: false))
        }
        return .success(text)
    }
}

/// `~` and `~/…` as the home folder.
func expandingTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }) else { return path }
    return home + path.dropFirst()
}
