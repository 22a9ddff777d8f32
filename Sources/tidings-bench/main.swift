import ArticleModel
import ReaderTUI
import StoryLoading
#if canImport(Glibc)
import Glibc
#endif

/// `swift run -c release tidings-bench [parse|layout|keys|all]`: prints the figures the README quotes.
/// Each figure is the median of several runs; nothing here is a pass/fail test.

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        times.append(now() - start)
    }
    return times.sorted()[runs / 2]
}

func format(_ value: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

func benchParse() {
    var generator = StoryGenerator(seed: 42)
    let bytes = Array(generator.library(count: 10_000).utf8)
    let megabytes = Double(bytes.count) / 1_000_000
    var count = 0
    let seconds = median(7) { count = TextExportParser.parse(bytes, file: "bench.txt").stories.count }
    precondition(count == 10_000, "generator and parser disagree: \(count) stories")
    print("parse   10,000 stories in one file (\(format(megabytes)) MB): \(format(seconds * 1000)) ms median, \(Int(megabytes / seconds)) MB/s")
    // As the loader parses a file it can read again: bodies are left in the file until wanted.
    let deferred = median(7) { count = bytes.withUnsafeBufferPointer { TextExportParser.parse($0, file: "bench.txt", rereading: { _ in nil }) }.stories.count }
    print("parse   the same, bodies left in the file: \(format(deferred * 1000)) ms median, \(Int(megabytes / deferred)) MB/s")
}

func benchLayout() {
    var generator = StoryGenerator(seed: 7)
    let bullets = (0..<5_000).map { _ in generator.sentence(words: 30) }
    let story = Story(publisher: "Bench.example", title: "A story with 5,000 bullets",
                      sections: [StorySection(heading: "Overview", bullets: bullets)])
    let state = ReaderState(columns: 200, rows: 60, storyCount: 1)
    var lines = 0
    let cold = median(7) {
        let library = StoryLibrary([story])
        lines = ScreenRenderer.render(state, library: library).lines.count
    }
    let library = StoryLibrary([story])
    var warmState = state
    ReaderReducer.reduce(&warmState, .command(.open), library: library)
    let warm = median(21) {
        ReaderReducer.reduce(&warmState, .command(.nextBullet), library: library)
        lines += ScreenRenderer.render(warmState, library: library).lines.count
    }
    print("layout  200×60 frame, story with 5,000 bullets: first frame \(format(cold * 1000, 2)) ms (cold cache), next-bullet key + frame \(format(warm * 1000, 3)) ms")
}

func benchKeys() {
    var generator = StoryGenerator(seed: 9)
    let one = TextExportParser.parse(Array(generator.story(number: 1).utf8), file: "x").stories[0]
    let library = StoryLibrary(Array(repeating: one, count: 100_000))
    var state = ReaderState(columns: 200, rows: 60, storyCount: library.count)
    _ = ScreenRenderer.render(state, library: library)
    var rendered = 0
    let key = median(101) {
        ReaderReducer.reduce(&state, .command(.nextStory), library: library)
        rendered += ScreenRenderer.render(state, library: library).rows
    }
    let end = median(11) {
        ReaderReducer.reduce(&state, .command(.bottom), library: library)
        rendered += ScreenRenderer.render(state, library: library).rows
        ReaderReducer.reduce(&state, .command(.top), library: library)
    }
    print("keys    100,000 stories, 200×60: j key + frame \(format(key * 1000, 3)) ms median; G then g \(format(end * 1000, 3)) ms")
}

/// `generate DIR COUNT`: COUNT story files in DIR/files (file modification times one second apart, newest
/// last), the same stories in DIR/all.txt, and as an RSS 2.0 feed in DIR/feed.xml for newsboat.
func generate(into dir: String, count: Int) {
    var generator = StoryGenerator(seed: 2026)
    mkdir(dir, 0o755)
    mkdir(dir + "/files", 0o755)
    var all: [UInt8] = []
    var rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Generated</title>"
    rss += "<link>http://bench.example/</link><description>Generated stories</description>\n"
    for n in 1...count {
        let text = generator.story(number: n)
        let bytes = Array(text.utf8)
        let path = dir + "/files/" + String(repeating: "0", count: max(0, 6 - String(n).count)) + "\(n).txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        var times = [timespec(tv_sec: 1_700_000_000 + n, tv_nsec: 0), timespec(tv_sec: 1_700_000_000 + n, tv_nsec: 0)]
        futimens(fd, &times)
        close(fd)
        if n > 1 { all.append(0x0A) }
        all += bytes
        let story = TextExportParser.parse(bytes, file: path).stories[0]
        var description = (story.dek ?? "") + "<ul>"
        for bullet in story.sections.flatMap(\.bullets) { description += "<li>" + bullet + "</li>" }
        description += "</ul>"
        rss += "<item><title>\(xmlEscaped(story.title))</title><link>http://bench.example/\(n)</link>"
        rss += "<guid>bench-\(n)</guid><description>\(xmlEscaped(description))</description></item>\n"
    }
    rss += "</channel></rss>\n"
    for (name, bytes) in [("all.txt", all), ("feed.xml", Array(rss.utf8))] {
        let fd = open(dir + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
    print("generated \(count) stories in \(dir)")
}

func xmlEscaped(_ text: String) -> String {
    var out = ""
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}

/// `scan DIR`: the start-up work before the first screen, for a large folder: scanning and ordering.
func benchScan(_ folder: String) {
    var files: [StoryFile] = []
    let scan = median(5) { files = LibraryScanner.scan([folder]).files }
    let order = median(5) { files = LibraryOrder.newest.sorted(files) }
    print("scan    \(files.count) files: scan \(format(scan * 1000)) ms, newest-first order \(format(order * 1000)) ms")
}

/// `file PATH`: reading and parsing one file with the format that claims it, as the loader does (a large
/// feed in two halves at once).
func benchFile(_ path: String) {
    let file = StoryFile(pathBytes: Array(path.utf8), modified: StoryFile.Timestamp(seconds: 0, nanoseconds: 0))
    var count = 0
    func readOnce() {
        var loader = LibraryLoader()
        loader.read(file)
        count = loader.stories.count
    }
    // The first read is the one a new process makes: its memory is all fresh pages.
    let cold = median(1, readOnce)
    let seconds = median(5, readOnce)
    guard case .success(let bytes) = StoryFileReader.read(file) else { return print("cannot read \(path)") }
    let megabytes = Double(bytes.count) / 1_000_000
    print("file    \(count) stories in \(format(megabytes)) MB: first read \(format(cold * 1000)) ms, then \(format(seconds * 1000)) ms median, \(Int(megabytes / seconds)) MB/s")
}

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
if which == "file", arguments.count == 2 {
    benchFile(arguments[arguments.startIndex + 1])
    exit(0)
}
if which == "scan", arguments.count == 2 {
    benchScan(arguments[arguments.startIndex + 1])
    exit(0)
}
if which == "generate", arguments.count == 3, let count = Int(arguments[arguments.startIndex + 2]) {
    generate(into: arguments[arguments.startIndex + 1], count: count)
    exit(0)
}
if which == "parse" || which == "all" { benchParse() }
if which == "layout" || which == "all" { benchLayout() }
if which == "keys" || which == "all" { benchKeys() }
